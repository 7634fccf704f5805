package dev.modelregistry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    private static final Filter A = Field.tag("a").eq("1");
    private static final Filter B = Field.tag("b").eq("2");
    private static final Filter C = Field.tag("c").eq("3");

    private static SearchSyntaxException syntaxError(String text) {
        try {
            Filter parsed = Filter.parse(text);
            throw new AssertionError("parsed " + text + " as " + parsed);
        } catch (SearchSyntaxException e) {
            return e;
        }
    }

    private static void typeError(String text) {
        assertThatThrownBy(() -> Filter.parse(text)).as(text)
                .isInstanceOf(InvalidInputException.class).isNotInstanceOf(SearchSyntaxException.class);
    }

    @Nested
    class MlflowFilterStrings {

        @Test
        void everyExampleParsesToTheTreeTheBuilderMakes() {
            assertThat(Filter.parse("name LIKE 'fraud%' AND tags.team = 'risk'"))
                    .isEqualTo(Field.name().like("fraud%").and(Field.tag("team").eq("risk")));
            assertThat(Filter.parse("version_number > 3")).isEqualTo(Field.version().gt(3));
            assertThat(Filter.parse("run_id IN ('a','b')")).isEqualTo(Field.runId().in("a", "b"));
            assertThat(Filter.parse("name = \"my-model\"")).isEqualTo(Field.name().eq("my-model"));
            assertThat(Filter.parse("tags.`my key` = 'x'")).isEqualTo(Field.tag("my key").eq("x"));
            assertThat(Filter.parse("attribute.name ILIKE '%Fraud%'")).isEqualTo(Field.name().ilike("%Fraud%"));
            assertThat(Filter.parse("tag.team != 'ads'")).isEqualTo(Field.tag("team").ne("ads"));
            assertThat(Filter.parse("name='m' and tags.x='y'"))
                    .isEqualTo(Field.name().eq("m").and(Field.tag("x").eq("y")));
            assertThat(Filter.parse("metrics.auc >= 0.9 AND stage = 'PRODUCTION'"))
                    .isEqualTo(Field.metric("auc").ge(0.9).and(Field.stage().eq("PRODUCTION")));
            assertThat(Filter.parse("(tags.a = '1' OR tags.b = '2') AND NOT stage = 'ARCHIVED'"))
                    .isEqualTo(A.or(B).and(Field.stage().eq("ARCHIVED").negate()));
            assertThat(Filter.parse("created_at > '2026-01-01T00:00:00Z'"))
                    .isEqualTo(Field.createdAt().gt(Instant.parse("2026-01-01T00:00:00Z")));
            assertThat(Filter.parse("created_at >= 1700000000000"))
                    .isEqualTo(Field.createdAt().ge(Instant.ofEpochMilli(1_700_000_000_000L)));
            assertThat(Filter.parse("dataset = 's3://bucket/x.parquet'"))
                    .isEqualTo(Field.dataset().eq("s3://bucket/x.parquet"));
            assertThat(Filter.parse("parent = 'base@3'")).isEqualTo(Field.parent().eq("base@3"));
            assertThat(Filter.parse("tags.x IS NOT NULL")).isEqualTo(Field.tag("x").isNotNull());
            assertThat(Filter.parse("metrics.auc NOT IN (0.5, 0.6)")).isEqualTo(Field.metric("auc").notIn(0.5, 0.6));
            assertThat(Filter.parse("name NOT LIKE 'tmp%'")).isEqualTo(Field.name().like("tmp%").negate());
            assertThat(Filter.parse("evaluations.holdout.auc > 0.8"))
                    .isEqualTo(Field.evaluation("holdout", "auc").gt(0.8));
        }

        @Test
        void mlflowNamesAndPrefixesNameOurFields() {
            assertThat(Filter.parse("version_number = 3")).isEqualTo(Field.version().eq(3));
            assertThat(Filter.parse("source_path = 'x'")).isEqualTo(Field.runUrl().eq("x"));
            assertThat(Filter.parse("creation_timestamp < 5")).isEqualTo(Field.createdAt().lt(Instant.ofEpochMilli(5)));
            assertThat(Filter.parse("user_id = 'ann'")).isEqualTo(Field.createdBy().eq("ann"));
            assertThat(Filter.parse("current_stage = 'Staging'")).isEqualTo(Field.stage().eq("Staging"));
            assertThat(Filter.parse("attribute.version_number = 3")).isEqualTo(Field.version().eq(3));
            assertThat(Filter.parse("attributes.name = 'm'")).isEqualTo(Field.name().eq("m"));
            assertThat(Filter.parse("attr.current_stage = 'None'")).isEqualTo(Field.stage().eq("None"));
            assertThat(Filter.parse("param.lr = '0.1'")).isEqualTo(Field.param("lr").eq("0.1"));
            assertThat(Filter.parse("params.lr = '0.1'")).isEqualTo(Field.param("lr").eq("0.1"));
            assertThat(Filter.parse("metric.auc = 1")).isEqualTo(Field.metric("auc").eq(1.0));
            assertThat(Filter.parse("tags.team = 'x'")).isEqualTo(Filter.parse("tag.team = 'x'"));
        }

        @Test
        void builtInNamesAndKeywordsIgnoreCaseButKeysDoNot() {
            assertThat(Filter.parse("NAME = 'x' and not Version_Number >= 2 Or STAGE = 'a'"))
                    .isEqualTo(Field.name().eq("x").and(Field.version().ge(2).negate()).or(Field.stage().eq("a")));
            assertThat(Filter.parse("TAGS.Team = 'x'")).isEqualTo(Field.tag("Team").eq("x"));
            assertThat(Filter.parse("name like 'a%' and tags.x is not null or metrics.m not in (1, 2)"))
                    .isEqualTo(Filter.anyOf(Field.name().like("a%").and(Field.tag("x").isNotNull()),
                            Field.metric("m").notIn(1.0, 2.0)));
            assertThat(Filter.parse("name ilike 'a%' and tags.x is null"))
                    .isEqualTo(Field.name().ilike("a%").and(Field.tag("x").isNull()));
            assertThat(Filter.parse("name not ilike 'tmp%'")).isEqualTo(Field.name().ilike("tmp%").negate());
        }

        @Test
        void everyOperatorSpellingMakesItsComparison() {
            assertThat(Filter.parse("version = 1")).isEqualTo(Field.version().eq(1));
            assertThat(Filter.parse("version == 1")).isEqualTo(Field.version().eq(1));
            assertThat(Filter.parse("version != 1")).isEqualTo(Field.version().ne(1));
            assertThat(Filter.parse("version <> 1")).isEqualTo(Field.version().ne(1));
            assertThat(Filter.parse("version<1")).isEqualTo(Field.version().lt(1));
            assertThat(Filter.parse("version<=1")).isEqualTo(Field.version().le(1));
            assertThat(Filter.parse("version>1")).isEqualTo(Field.version().gt(1));
            assertThat(Filter.parse("version>=-1")).isEqualTo(Field.version().ge(-1));
        }
    }

    @Nested
    class StructureAndPrecedence {

        @Test
        void emptyOrBlankTextMatchesEveryVersion() {
            assertThat(Filter.parse("")).isSameAs(Filter.ALL);
            assertThat(Filter.parse("  \n\t ")).isSameAs(Filter.ALL);
        }

        @Test
        void aSingleComparisonIsItselfNotWrapped() {
            assertThat(Filter.parse("tags.a = '1'")).isEqualTo(A);
            assertThat(Filter.parse("((tags.a = '1'))")).isEqualTo(A);
        }

        @Test
        void notBindsTighterThanAndWhichBindsTighterThanOr() {
            assertThat(Filter.parse("tags.a = '1' OR tags.b = '2' AND tags.c = '3'")).isEqualTo(A.or(B.and(C)));
            assertThat(Filter.parse("tags.a = '1' AND tags.b = '2' OR tags.c = '3'")).isEqualTo(A.and(B).or(C));
            assertThat(Filter.parse("NOT tags.a = '1' AND tags.b = '2'")).isEqualTo(A.negate().and(B));
            assertThat(Filter.parse("NOT tags.a = '1' OR tags.b = '2'")).isEqualTo(A.negate().or(B));
            assertThat(Filter.parse("NOT NOT tags.a = '1'")).isEqualTo(A.negate().negate());
        }

        @Test
        void parenthesesOverridePrecedence() {
            assertThat(Filter.parse("(tags.a = '1' OR tags.b = '2') AND tags.c = '3'")).isEqualTo(A.or(B).and(C));
            assertThat(Filter.parse("NOT (tags.a = '1' OR tags.b = '2')")).isEqualTo(A.or(B).negate());
        }

        @Test
        void aRunOfOneOperatorIsFlattenedButParenthesesAreKept() {
            assertThat(Filter.parse("tags.a = '1' AND tags.b = '2' AND tags.c = '3'")).isEqualTo(Filter.allOf(A, B, C));
            assertThat(Filter.parse("tags.a = '1' OR tags.b = '2' OR tags.c = '3'")).isEqualTo(Filter.anyOf(A, B, C));
            assertThat(Filter.parse("(tags.a = '1' AND tags.b = '2') AND tags.c = '3'")).isEqualTo(A.and(B).and(C));
        }

        @Test
        void whitespaceIncludingNewlinesSeparatesTokensAnywhere() {
            assertThat(Filter.parse("\n  tags.a\n=\t'1'\r\n  AND(tags.b='2')")).isEqualTo(A.and(B));
        }
    }

    @Nested
    class Keys {

        @Test
        void anUnquotedKeyIsTheRestOfTheWordDotsIncluded() {
            assertThat(Filter.parse("tags.mlflow.source.type = 'JOB'")).isEqualTo(Field.tag("mlflow.source.type").eq("JOB"));
            assertThat(Filter.parse("tags.team-lead:x/y_1 = 'z'")).isEqualTo(Field.tag("team-lead:x/y_1").eq("z"));
            assertThat(Filter.parse("params.1st = 'x'")).isEqualTo(Field.param("1st").eq("x"));
            assertThat(Filter.parse("metrics.val.auc > 0.5")).isEqualTo(Field.metric("val.auc").gt(0.5));
        }

        @Test
        void aKeyMayBeQuotedWithBackticksOrDoubleQuotes() {
            assertThat(Filter.parse("tags.\"my key\" = 'x'")).isEqualTo(Field.tag("my key").eq("x"));
            assertThat(Filter.parse("tags.`a``b` = 'x'")).isEqualTo(Field.tag("a`b").eq("x"));
            assertThat(Filter.parse("tags.\"a\"\"b\" = 'x'")).isEqualTo(Field.tag("a\"b").eq("x"));
            assertThat(Filter.parse("tags.`a.b = 'c'` = 'x'")).isEqualTo(Field.tag("a.b = 'c'").eq("x"));
        }

        @Test
        void anEvaluationIsANameSegmentThenTheMetric() {
            assertThat(Filter.parse("evaluations.holdout.f1.macro > 0.5"))
                    .isEqualTo(Field.evaluation("holdout", "f1.macro").gt(0.5));
            assertThat(Filter.parse("evaluations.`hold.out`.auc > 0.5"))
                    .isEqualTo(Field.evaluation("hold.out", "auc").gt(0.5));
            assertThat(Filter.parse("evaluations.\"hold out\".`a b` > 0.5"))
                    .isEqualTo(Field.evaluation("hold out", "a b").gt(0.5));
        }

        @Test
        void missingExtraOrHalfQuotedKeysAreSyntaxErrors() {
            assertThat(syntaxError("tags = 'x'").expected()).isEqualTo("a key after tags, as in tags.team");
            assertThat(syntaxError("tags. = 'x'").column()).isEqualTo(6);
            assertThat(syntaxError("tags.a..b = 'x'").column()).isEqualTo(8);
            assertThat(syntaxError("name.first = 'x'").expected()).isEqualTo("a field; name takes no key");
            assertThat(syntaxError("evaluations.holdout > 1").expected()).contains("evaluations.holdout.auc");
            assertThat(syntaxError("tags.`a`.b = 'x'").expected()).contains("quoted as a whole");
            assertThat(syntaxError("attribute.tags = 'x'").expected()).startsWith("a field after attribute.");
        }
    }

    @Nested
    class Literals {

        @Test
        void timesAreIsoInstantsOffsetTimesDatesOrEpochMilliseconds() {
            assertThat(Filter.parse("created_at > '2026-01-01'"))
                    .isEqualTo(Field.createdAt().gt(Instant.parse("2026-01-01T00:00:00Z")));
            assertThat(Filter.parse("created_at > '2026-01-01T00:00:00+02:00'"))
                    .isEqualTo(Field.createdAt().gt(Instant.parse("2025-12-31T22:00:00Z")));
            assertThat(Filter.parse("created_at > '2026-01-01T00:00:00.123456789Z'"))
                    .isEqualTo(Field.createdAt().gt(Instant.parse("2026-01-01T00:00:00.123456789Z")));
            assertThat(Filter.parse("creation_timestamp IN (0, 1700000000000)"))
                    .isEqualTo(Field.createdAt().in(Instant.EPOCH, Instant.ofEpochMilli(1_700_000_000_000L)));
        }

        @Test
        void wholeNumberFieldsAlsoTakeQuotedDigitsAsMlflowWritesThem() {
            assertThat(Filter.parse("version_number = '3'")).isEqualTo(Field.version().eq(3));
            assertThat(Filter.parse("version IN ('1', 2)")).isEqualTo(Field.version().in(1, 2));
        }

        @Test
        void numbersAcceptFractionsAndExponents() {
            assertThat(Filter.parse("metrics.loss < 1.5e-3")).isEqualTo(Field.metric("loss").lt(0.0015));
            assertThat(Filter.parse("metrics.loss < 2E+2")).isEqualTo(Field.metric("loss").lt(200.0));
            assertThat(Filter.parse("metrics.loss > -0.25")).isEqualTo(Field.metric("loss").gt(-0.25));
        }

        @Test
        void stringsUndoDoubledQuotesAndKeepBackslashes() {
            assertThat(Filter.parse("name = 'it''s'")).isEqualTo(Field.name().eq("it's"));
            assertThat(Filter.parse("name = \"say \"\"hi\"\"\"")).isEqualTo(Field.name().eq("say \"hi\""));
            assertThat(Filter.parse("name = \"it's\"")).isEqualTo(Field.name().eq("it's"));
            assertThat(Filter.parse("name LIKE 'a\\_b%'")).isEqualTo(Field.name().like("a\\_b%"));
            assertThat(Filter.parse("name = ''")).isEqualTo(Field.name().eq(""));
        }

        @Test
        void aValueOfTheWrongTypeIsRefusedAsInvalidInput() {
            typeError("metrics.auc = 'x'");
            typeError("tags.x > 3");
            typeError("name = 1.5");
            typeError("version = 3.5");
            typeError("version = 'three'");
            typeError("created_at > 'yesterday'");
            typeError("created_at > 1.5");
            typeError("metrics.auc LIKE '0.%'");
            typeError("alias > 'a'");
            typeError("parent = 'base@x'");
            typeError("metrics.auc = 1e999");
        }

        @Test
        void anUnquotedWordOrABooleanIsNotAValue() {
            SearchSyntaxException e = syntaxError("name = foo");
            assertThat(e.expected()).isEqualTo("a quoted string");
            assertThat(e.column()).isEqualTo(8);
            assertThat(syntaxError("metrics.auc = true").expected()).isEqualTo("a number");
            assertThat(syntaxError("version = TRUE").expected()).isEqualTo("a whole number");
            assertThat(syntaxError("tags.x = NULL").expected()).isEqualTo("a quoted string");
            assertThat(syntaxError("name LIKE 3").expected()).isEqualTo("a quoted string (the LIKE pattern)");
            assertThat(syntaxError("name IN ()").expected()).isEqualTo("a quoted string");
        }
    }

    @Nested
    class Errors {

        @Test
        void anErrorNamesLineColumnTokenAndWhatWasExpected() {
            SearchSyntaxException e = syntaxError("name = 'x'\nAND tags.a = '3'\n  AND version_number ~ 3");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(22);
            assertThat(e.getMessage()).contains("at line 3, column 22: expected").endsWith("but found ~");
        }

        @Test
        void aMissingOperatorListsTheOperators() {
            SearchSyntaxException e = syntaxError("name\n  'x'");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(3);
            assertThat(e.getMessage()).endsWith("expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN,"
                    + " IS) but found 'x'");
        }

        @Test
        void columnsCountCharactersNotUtf16Units() {
            assertThat(syntaxError("name = '\uD83D\uDE00' AND ~").column()).isEqualTo(16);
        }

        @Test
        void anUnknownFieldListsTheFields() {
            SearchSyntaxException e = syntaxError("nme = 'x'");
            assertThat(e.expected()).startsWith("a field (name, namespace, version, stage").contains("tags.<key>");
            assertThat(syntaxError("'x' = name").expected()).isEqualTo("a field name such as name, tags.<key>, metrics.<key>");
            assertThat(syntaxError("name = 'x' AND").getMessage()).endsWith("but found end of text");
        }

        @Test
        void anUnterminatedStringIsReportedAtItsOpeningQuote() {
            SearchSyntaxException e = syntaxError("name = 'x' OR\n name = 'abc");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(9);
            assertThat(e.getMessage()).endsWith("expected the closing ' of this string but found 'abc");
            assertThat(syntaxError("tags.`a = 'x'").column()).isEqualTo(6);
        }

        @Test
        void misplacedKeywordsSayWhatWouldFit() {
            assertThat(syntaxError("name NOT = 'x'").expected()).isEqualTo("LIKE, ILIKE or IN after NOT");
            assertThat(syntaxError("name IS 'x'").expected()).isEqualTo("NULL or NOT NULL");
            assertThat(syntaxError("name IS NOT 'x'").expected()).isEqualTo("NULL");
            assertThat(syntaxError("name IN 'x'").expected()).isEqualTo("'(' and a list of values after IN");
            assertThat(syntaxError("name = 'x' tags.a = 'b'").expected()).isEqualTo("AND, OR or end of text");
            assertThat(syntaxError("name = 'x' ! tags.a = 'b'").expected()).contains("a lone ! is not one");
        }

        @Test
        void unbalancedParenthesesAndListsAreSyntaxErrors() {
            assertThat(syntaxError("(name = 'x'").expected()).isEqualTo("AND, OR or ')'");
            assertThat(syntaxError("name = 'x')").expected()).isEqualTo("AND, OR or end of text");
            assertThat(syntaxError("name IN ('a', 'b'").expected()).isEqualTo("',' or ')'");
            assertThat(syntaxError("()").expected()).isEqualTo(FieldNames.FIELD_NAME);
        }
    }

    @Nested
    class HostileInput {

        @Test
        void sqlLookingInputEitherStaysALiteralOrIsRefused() {
            assertThat(Filter.parse("name = 'x'' OR ''1''=''1'")).isEqualTo(Field.name().eq("x' OR '1'='1"));
            assertThat(Filter.parse("name = 'x\\' OR name = 'y'"))
                    .isEqualTo(Field.name().eq("x\\").or(Field.name().eq("y")));
            assertThat(Filter.parse("name = 'a; DROP TABLE versions; --'"))
                    .isEqualTo(Field.name().eq("a; DROP TABLE versions; --"));
            assertThat(syntaxError("name = '' OR 1=1 --'").column()).isEqualTo(14);
            assertThat(syntaxError("name = \"x\\\" OR 1=1\"").column()).isEqualTo(16);
            assertThat(syntaxError("name = 'x'; DROP TABLE versions").getMessage()).endsWith("but found ;");
            assertThat(syntaxError("name = 'x' -- comment").getMessage()).endsWith("but found --");
            assertThat(syntaxError("name = 'x' /* comment */").column()).isEqualTo(12);
            assertThat(syntaxError("name = 'x' # comment").column()).isEqualTo(12);
        }

        @Test
        void typographicQuotesBackslashesAndInvisibleCharactersAreNeverSkipped() {
            assertThat(syntaxError("name = \u2018x\u2019").expected()).contains("typographic quotes");
            assertThat(syntaxError("name = \u201Cx\u201D").column()).isEqualTo(8);
            assertThat(syntaxError("name = \\'x'").expected()).contains("backslash");
            assertThat(syntaxError("name\u200B= 'x'").getMessage()).endsWith("but found U+200B");
            assertThat(syntaxError("name = 'x'\u0000").getMessage()).endsWith("but found U+0000");
            assertThat(syntaxError("`name` = 'x'").expected()).contains("backticks quote a key");
        }

        @Test
        void deepNestingFailsCleanlyInsteadOfOverflowingTheStack() {
            String parens = "(".repeat(10_000) + "name = 'x'" + ")".repeat(10_000);
            assertThat(syntaxError(parens.substring(0, 10_000) + "name = 'x'").column()).isEqualTo(Filter.DEPTH + 1);
            assertThatThrownBy(() -> Filter.parse("(".repeat(10_000))).isInstanceOf(SearchSyntaxException.class);
            assertThatThrownBy(() -> Filter.parse("NOT ".repeat(4_000) + "name = 'x'"))
                    .isInstanceOf(SearchSyntaxException.class)
                    .hasMessageContaining("at most " + Filter.DEPTH + " levels");
            assertThatThrownBy(() -> Filter.parse("NOT (".repeat(3_000))).isInstanceOf(SearchSyntaxException.class);
        }

        @Test
        void nestingUpToTheLimitParses() {
            String deep = "(".repeat(Filter.DEPTH) + "name = 'x'" + ")".repeat(Filter.DEPTH);
            assertThat(Filter.parse(deep)).isEqualTo(Field.name().eq("x"));
            Filter nots = Field.name().eq("x");
            for (int i = 1; i < Filter.DEPTH; i++) {
                nots = nots.negate();
            }
            assertThat(Filter.parse(nots.toString())).isEqualTo(nots);
            assertThatThrownBy(() -> Filter.parse("NOT ".repeat(Filter.DEPTH) + "name = 'x'"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("deeper than " + Filter.DEPTH);
        }

        @Test
        void tooLongTextOrTooManyComparisonsAreRefused() {
            String text = "name = '" + "x".repeat(SearchQuery.FILTER_LENGTH) + "'";
            assertThatThrownBy(() -> Filter.parse(text)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(text.length() + " characters");
            String many = String.join(" OR ", java.util.Collections.nCopies(Filter.COMPARISONS + 1, "tags.a = '1'"));
            assertThatThrownBy(() -> Filter.parse(many)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("more than " + Filter.COMPARISONS);
        }
    }

    @Nested
    class OrderText {

        @Test
        void aFieldWithAnOptionalDirectionInAnyCase() {
            assertThat(FilterParser.order("metrics.auc DESC")).isEqualTo(Field.metric("auc").desc());
            assertThat(FilterParser.order("name")).isEqualTo(Field.name().asc());
            assertThat(FilterParser.order("version_number asc")).isEqualTo(Field.version().asc());
            assertThat(FilterParser.order(" creation_timestamp Desc ")).isEqualTo(Field.createdAt().desc());
            assertThat(FilterParser.order("tags.`my key`")).isEqualTo(Field.tag("my key").asc());
            assertThat(SearchQuery.where("stage = 'PRODUCTION'").orderBy("metrics.auc DESC", "name").order())
                    .isEqualTo(List.of(Field.metric("auc").desc(), Field.name().asc()));
        }

        @Test
        void trailingTokensUnknownFieldsAndMultiValuedFieldsAreRefused() {
            assertThatThrownBy(() -> FilterParser.order("name DESC x")).isInstanceOfSatisfying(
                    SearchSyntaxException.class, e -> assertThat(e.expected()).isEqualTo("end of text"));
            assertThatThrownBy(() -> FilterParser.order("name sideways")).isInstanceOfSatisfying(
                    SearchSyntaxException.class, e -> assertThat(e.expected()).isEqualTo("ASC, DESC or end of text"));
            assertThatThrownBy(() -> FilterParser.order("")).isInstanceOf(SearchSyntaxException.class);
            assertThatThrownBy(() -> FilterParser.order("last_updated_timestamp")).isInstanceOf(SearchSyntaxException.class);
            assertThatThrownBy(() -> FilterParser.order("alias DESC")).isInstanceOf(InvalidInputException.class)
                    .isNotInstanceOf(SearchSyntaxException.class);
        }
    }

    @Nested
    class RoundTrip {

        @Test
        void everyFilterParsesBackFromItsText() {
            Filter name = Field.name().eq("it's \"quoted\"");
            List<Filter> filters = List.of(
                    Filter.ALL,
                    name,
                    Field.name().eq("line\nbreak"),
                    Field.metric("auc").gt(0.9),
                    Field.metric("tiny").lt(1e-7),
                    Field.metric("huge").le(1e300),
                    Field.metric("zero").ge(-0.0),
                    Field.metric("m").eq(3),
                    Field.version().in(1, 2, 3),
                    Field.createdAt().ge(Instant.parse("2026-01-01T00:00:00.5Z")),
                    Field.createdAt().lt(Instant.ofEpochMilli(0)),
                    Field.tag("mlflow.source.type").eq("JOB"),
                    Field.tag("a`b").ne("x"),
                    Field.tag("1st").eq("x"),
                    Field.tag("AND").eq("x"),
                    Field.tag("my key").isNotNull(),
                    Field.param("lr").isNull(),
                    Field.evaluation("hold out", "f1.macro").gt(0.5),
                    Field.evaluation("holdout", "auc").gt(0.5),
                    Field.name().like("fraud\\_%").negate(),
                    Field.description().ilike("%Risk%"),
                    Field.alias().notIn("champion", "challenger"),
                    Field.parent().eq("base@3"),
                    Field.dataset().eq("s3://bucket/x.parquet"),
                    Filter.anyOf(A, B.and(C), C.negate()),
                    Filter.allOf(A.or(B), C, A.negate().negate()),
                    A.and(B).negate(),
                    A.and(B).and(C),
                    A.or(B.or(C)),
                    Filter.anyOf(A),
                    Filter.allOf(Filter.anyOf(A.negate()), B),
                    Filter.ALL.and(A),
                    Filter.allOf(),
                    Field.name().notIn(java.util.List.of("a", "b")));
            for (Filter filter : filters) {
                assertThat(Filter.parse(filter.toString())).as(filter.toString()).isEqualTo(filter);
            }
        }
    }
}

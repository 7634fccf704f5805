package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelregistry.search.Field;
import org.junit.jupiter.api.Test;

class FilterSqlTest {

    @Test
    void onH2AnInListOfPlainWordsIsWrittenAsConstantsThatH2Hashes() {
        SqlText sql = new FilterSql(Dialect.H2).condition(Field.name().in("team/a", "b-1.onnx", "ns:x_y"));

        assertThat(sql.text()).isEqualTo("v.model_name IN ('team/a', 'b-1.onnx', 'ns:x_y')");
    }

    @Test
    void anInListWithAnyOtherValueTravelsWhollyAsParameters() {
        SqlText sql = new FilterSql(Dialect.H2).condition(Field.tag("team").in("risk", "it's", "a b"));

        assertThat(sql.text()).doesNotContain("risk").doesNotContain("it's").contains("IN (?, ?, ?)");
        assertThat(sql.toString()).endsWith("[team, risk, it's, a b]");
    }

    @Test
    void otherDatabasesGetParametersEvenForPlainWords() {
        for (Dialect dialect : new Dialect[] {Dialect.POSTGRESQL, Dialect.MARIADB}) {
            assertThat(new FilterSql(dialect).condition(Field.name().in("team/a", "b")).text())
                    .isEqualTo("v.model_name IN (?, ?)");
        }
    }

    @Test
    void aWordLiteralRefusesAnythingThatCouldEndTheLiteral() {
        for (String value : new String[] {"a'b", "", "a b", "a\\b", "a;b", "é", "a\u0000"}) {
            assertThat(SqlText.isWord(value)).as(value).isFalse();
            assertThatThrownBy(() -> new SqlText().word(value)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}

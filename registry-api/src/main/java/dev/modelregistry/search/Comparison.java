package dev.modelregistry.search;

/** A comparison operator of a {@link Filter.Compare}. */
public enum Comparison {
    /** {@code =} */
    EQ("="),
    /** {@code !=} (also written {@code <>}) */
    NE("!="),
    /** {@code <} */
    LT("<"),
    /** {@code <=} */
    LE("<="),
    /** {@code >} */
    GT(">"),
    /** {@code >=} */
    GE(">=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as the filter language writes it. */
    public String symbol() {
        return symbol;
    }

    /** Whether {@code order}, the sign of comparing a value with the operand, satisfies this operator. */
    public boolean holds(int order) {
        return switch (this) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }
}

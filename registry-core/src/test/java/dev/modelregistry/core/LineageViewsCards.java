package dev.modelregistry.core;

/** The model cards {@link LineageViewsTest} expects, written out in full so that the layout is pinned. */
final class LineageViewsCards {

    /** The card of {@code fraud v8} with everything recorded, including text that needs escaping. */
    static final String FULL = """
            ---
            model: "fraud"
            version: 8
            stage: "PRODUCTION"
            aliases: ["champion", "stable"]
            tags: ["pii", "team=risk"]
            libraries: ["onnxruntime", "xgboost4j"]
            datasets: ["s3://data/tx.parquet", "s3://data/holdout.parquet"]
            ---

            # fraud v8

            ## Model details

            - Description: Gradient-boosted trees \\| retrained<br>weekly &lt;b&gt;
            - Model description: Flags card fraud.
            - Created by: alice
            - Created at: 2026-11-01T10:00:00Z
            - Digest: `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc`
            - Stage: PRODUCTION
            - Aliases: champion, stable

            ### Files

            | Path | Size (bytes) | SHA-256 |
            |---|---|---|
            | config.json | 12 | `bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb` |
            | model.onnx | 1024 | `aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa` |

            ## Training data

            | Role | URI | Digest | Rows | Description |
            |---|---|---|---|---|
            | train | s3://data/tx.parquet | `sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd` | 1000 | October transactions |
            | test | s3://data/holdout.parquet | — | — | — |

            ## Training procedure

            ### Parameters

            | Parameter | Value |
            |---|---|
            | learning\\_rate | 0.1 |
            | max\\_depth | 6 |

            ### Code

            - Repository: https://git.example.com/risk/fraud.git
            - Commit: `0123456789abcdef0123456789abcdef01234567`
            - Branch: main
            - Dirty: no
            - Source: git

            ### Run

            - Tracker: mlflow
            - Run id: 42
            - Link: [https://mlflow.example.com/#/runs/42?a=1&amp;b=2](<https://mlflow.example.com/#/runs/42?a=1&amp;b=2>)

            ## Evaluation

            ### Metrics at registration

            | Metric | Value |
            |---|---|
            | auc | 0.91 |
            | f1 | 0.8 |

            ### Evaluations

            | # | Name | Passed | Metrics | By | At |
            |---|---|---|---|---|---|
            | 1 | holdout-2026-11 | yes | auc=0.9, recall=0.7 | bob | 2026-11-02T09:30:00Z |

            ## Lineage

            | Parent | Relation |
            |---|---|
            | base v3 | fine-tuned-from |

            ## Environment

            - JVM: Eclipse Adoptium 17.0.9+9
            - OS: Linux 6.1
            - Architecture: amd64
            - Registry version: 0.9.0

            ### Libraries

            | Library | Version |
            |---|---|
            | onnxruntime | 1.16.3 |
            | xgboost4j | 2.0.1 |

            ## History

            ### Stage transitions

            | From | To | By | At | Comment |
            |---|---|---|---|---|
            | — | DEVELOPMENT | alice | 2026-11-01T10:00:00Z | registered |
            | DEVELOPMENT | PRODUCTION | carol | 2026-11-03T16:45:00Z | approved |

            ### Alias moves

            | Alias | From version | To version | By | At |
            |---|---|---|---|---|
            | champion | v7 | v8 | carol | 2026-11-03T16:45:00Z |
            | stable | v8 | — | carol | 2026-11-03T16:45:00Z |
            """;

    /** The card of a version with nothing recorded but its own fields. */
    static final String BARE = """
            ---
            model: "bare"
            version: 1
            stage: "DEVELOPMENT"
            aliases: []
            tags: []
            libraries: []
            datasets: []
            ---

            # bare v1

            ## Model details

            - Description: none
            - Model description: none
            - Created by: alice
            - Created at: 2026-11-01T10:00:00Z
            - Digest: `cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc`
            - Stage: DEVELOPMENT
            - Aliases: none

            ### Files

            No files recorded.

            ## Training data

            No datasets recorded.

            ## Training procedure

            ### Parameters

            No parameters recorded.

            ### Code

            No code version recorded.

            ### Run

            No training run recorded.

            ## Evaluation

            ### Metrics at registration

            No metrics recorded at registration.

            ### Evaluations

            No evaluations recorded.

            ## Lineage

            No parent versions recorded.

            ## Environment

            No environment recorded.

            ## History

            ### Stage transitions

            No stage transitions recorded.

            ### Alias moves

            No alias moves recorded.
            """;

    private LineageViewsCards() {
    }
}

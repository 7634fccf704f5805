package dev.modelregistry.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that validates a candidate model version: the test receives the version as a
 * {@link Candidate} parameter, and when it ends, {@link ModelRegistryExtension} records its outcome
 * on the version as an evaluation called {@link #name()}: passed if the test passed, failed
 * (with the failure's message in the details) if it failed, with the metrics the test reported.
 * A gate such as {@code Gates.evaluationPassed(name)} can then require it before a promotion.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Evaluates {

    /** The version under test, as a reference such as {@code fraud-detector@challenger}. */
    String value();

    /** The name of the evaluation to record, such as {@code holdout}. */
    String name();
}

/**
 * Serving: follow what a version reference such as {@code fraud-detector@PRODUCTION} resolves to
 * and be told when it changes, to hot-swap a model without a restart. Users start a {@link
 * dev.modelregistry.serving.Watch} with {@link dev.modelregistry.Registry#watch(String,
 * dev.modelregistry.serving.ModelListener)} or its copying form, and implement {@link
 * dev.modelregistry.serving.ModelListener}.
 */
package dev.modelregistry.serving;

/**
 * Deployment integration: the public event form of journal entries ({@link dev.modelregistry.events.RegistryEvent},
 * CloudEvents 1.0), webhook subscriptions, and the delivery of events at least once and in order to webhooks and to
 * {@link dev.modelregistry.events.EventSink}s such as a message broker, each from a cursor stored with the metadata.
 * Users reach it through {@link dev.modelregistry.Registry#deliveries()}; publisher modules implement
 * {@link dev.modelregistry.events.EventSink}.
 */
package dev.modelregistry.events;

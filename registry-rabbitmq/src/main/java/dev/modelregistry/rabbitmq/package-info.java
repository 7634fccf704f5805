/**
 * A RabbitMQ publisher of the registry's events: {@link dev.modelregistry.rabbitmq.RabbitMqSink}, an
 * {@link dev.modelregistry.events.EventSink} that publishes each event as a persistent CloudEvents
 * message to a durable topic exchange and reports it delivered only after the broker's publisher
 * confirm. Users build one and hand it to {@code registry.deliveries().start(sink, options)};
 * everything else in this package is an implementation detail. docs/RABBITMQ.md describes the
 * routing keys and the delivery guarantees.
 */
package dev.modelregistry.rabbitmq;

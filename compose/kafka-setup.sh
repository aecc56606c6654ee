#!/usr/bin/env bash
# Kafka's users, topics and ACLs for docker-compose.yml. The kafka-setup container runs it after the
# broker is healthy, on every `docker compose up`; every step is idempotent. It shares the kafka
# container's network namespace: 127.0.0.1:9095 is the broker's LOCAL listener, PLAINTEXT and bound
# to that loopback, whose unauthenticated principal is the only super user.
#
# The ACLs are the services' produce/consume matrix: a service may write the topics it produces and
# the dead-letter topic (<topic>.DLT) of every topic it consumes with @KafkaListener (its error
# handler dead-letters there), read the topics it consumes, and use its own consumer group.
# compose-check derives that matrix from the code and compares it with the `acl` lines below;
# local-stack's SecuredBrokerIT runs the `user`, `topic` and `acl` lines against a real broker.
# Keep one call per line (a trailing backslash continues it), arguments without shell expansion
# other than "$VAR".
#
# Passwords: letters, digits, '-' and '_' only (they go into a SCRAM config and a JAAS string).
set -euo pipefail

bin=/opt/kafka/bin
broker=127.0.0.1:9095

# SCRAM-SHA-512 credentials; set again on every start, so a changed password takes effect.
user() {
  "$bin/kafka-configs.sh" --bootstrap-server "$broker" --alter --entity-type users --entity-name "$1" \
    --add-config "SCRAM-SHA-512=[password=$2]"
}

existing_topics=$("$bin/kafka-topics.sh" --bootstrap-server "$broker" --list)
topic() {
  if ! grep -qxF -- "$1" <<<"$existing_topics"; then
    "$bin/kafka-topics.sh" --bootstrap-server "$broker" --create --if-not-exists --topic "$1" \
      --partitions "$SAGA_TOPIC_PARTITIONS" --replication-factor 1
  fi
}

acl() {
  "$bin/kafka-acls.sh" --bootstrap-server "$broker" --add --force "$@" >/dev/null
}

echo "kafka-setup: users"
user gateway "$GATEWAY_KAFKA_PASSWORD"
user auth-service "$AUTH_SERVICE_KAFKA_PASSWORD"
user customer-service "$CUSTOMER_SERVICE_KAFKA_PASSWORD"
user inventory-service "$INVENTORY_SERVICE_KAFKA_PASSWORD"
user payment-service "$PAYMENT_SERVICE_KAFKA_PASSWORD"
user order-service "$ORDER_SERVICE_KAFKA_PASSWORD"
user operator-console "$OPERATOR_CONSOLE_KAFKA_PASSWORD"
# read-only, for people with the console tools (README, "Broker and store access")
user console "$CONSOLE_KAFKA_PASSWORD"

echo "kafka-setup: topics"
topic order-requests
topic order-requests.DLT
topic user-events
topic user-events.DLT
topic customer-events
topic customer-events.DLT
topic inventory-events
topic inventory-events.DLT
topic payment-events
topic payment-events.DLT
topic order-events
topic order-events.DLT
topic order-replies
topic order-replies.DLT

echo "kafka-setup: ACLs"
# gateway: publishes OrderRequested, reads the replies and the customer's validations (the first
# hop's progress, by their headers) with one consumer group per instance (gateway-<random>); its
# reply consumer skips unreadable replies, it dead-letters nothing
acl --allow-principal User:gateway --operation WRITE --topic order-requests
acl --allow-principal User:gateway --operation READ --topic order-replies --topic customer-events
acl --allow-principal User:gateway --operation READ --resource-pattern-type prefixed --group gateway-

# auth-service: publishes UserRegistered, consumes nothing
acl --allow-principal User:auth-service --operation WRITE --topic user-events

# customer-service: turns UserRegistered into customers, validates the customer of OrderRequested
acl --allow-principal User:customer-service --operation WRITE \
  --topic customer-events --topic user-events.DLT --topic order-requests.DLT
acl --allow-principal User:customer-service --operation READ \
  --topic user-events --topic order-requests --group customer-service

# inventory-service: reserves on CustomerValidated, releases on PaymentFailed, finalizes on order-events
acl --allow-principal User:inventory-service --operation WRITE \
  --topic inventory-events --topic customer-events.DLT --topic payment-events.DLT --topic order-events.DLT
acl --allow-principal User:inventory-service --operation READ \
  --topic customer-events --topic payment-events --topic order-events --group inventory-service

# payment-service: pays on StockReserved, refunds on order-events
acl --allow-principal User:payment-service --operation WRITE \
  --topic payment-events --topic inventory-events.DLT --topic order-events.DLT
acl --allow-principal User:payment-service --operation READ \
  --topic inventory-events --topic order-events --group payment-service

# order-service: the decider; publishes the decisions and the replies the gateway waits on
acl --allow-principal User:order-service --operation WRITE \
  --topic order-events --topic order-replies \
  --topic order-requests.DLT --topic customer-events.DLT --topic inventory-events.DLT --topic payment-events.DLT
acl --allow-principal User:order-service --operation READ \
  --topic order-requests --topic customer-events --topic inventory-events --topic payment-events --group order-service

# console: reads every saga topic with the console tools' own groups (console-consumer-<n>) and
# sees every group's offsets; writes nothing
acl --allow-principal User:console --operation READ --operation DESCRIBE \
  --topic order-requests --topic order-requests.DLT --topic user-events --topic user-events.DLT \
  --topic customer-events --topic customer-events.DLT --topic inventory-events --topic inventory-events.DLT \
  --topic payment-events --topic payment-events.DLT --topic order-events --topic order-events.DLT \
  --topic order-replies --topic order-replies.DLT
acl --allow-principal User:console --operation READ --resource-pattern-type prefixed --group console-
acl --allow-principal User:console --operation DESCRIBE --group '*'

# operator-console: reads the dead-letter topics and re-drives their records to the topics they came
# from (its group stack-dlt-redrive-<topic> remembers what was re-driven), reads every group's offsets
# and the topics' end offsets for the lag it shows. It may not write payment-events: whoever writes
# PaymentCompleted confirms an unpaid order, so payment-events.DLT is re-driven by payment-service's
# operators only, never from the console.
acl --allow-principal User:operator-console --operation READ --operation DESCRIBE \
  --topic order-requests.DLT --topic user-events.DLT --topic customer-events.DLT --topic inventory-events.DLT \
  --topic payment-events.DLT --topic order-events.DLT --topic order-replies.DLT
acl --allow-principal User:operator-console --operation WRITE --operation DESCRIBE \
  --topic order-requests --topic user-events --topic customer-events --topic inventory-events \
  --topic order-events --topic order-replies
acl --allow-principal User:operator-console --operation DESCRIBE --topic payment-events
acl --allow-principal User:operator-console --operation READ --resource-pattern-type prefixed --group stack-dlt-redrive-
acl --allow-principal User:operator-console --operation DESCRIBE --group '*'

echo "kafka-setup: done"

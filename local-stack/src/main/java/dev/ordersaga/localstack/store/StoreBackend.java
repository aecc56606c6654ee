package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The H2 file backend, plus the {@code hello} handshake command. mongo-java-server answers only
 * the legacy {@code isMaster}; Spring Boot's MongoDB health indicator sends {@code hello}, so
 * without this every service's {@code /actuator/health} would report DOWN against this store.
 */
final class StoreBackend extends H2Backend {

    StoreBackend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        return super.handleCommand(channel, databaseName, command, query);
    }
}

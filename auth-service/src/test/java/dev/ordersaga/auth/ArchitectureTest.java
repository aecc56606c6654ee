package dev.ordersaga.auth;

import dev.ordersaga.testsupport.architecture.ParticipantArchitecture;

/**
 * auth-service keeps the shape where it publishes: the user and the event it announces in
 * {@code domain/}, MongoDB only in {@code store/} (the shared rules of {@link ParticipantArchitecture}).
 */
class ArchitectureTest extends ParticipantArchitecture {}

package dev.ordersaga.customer;

import dev.ordersaga.testsupport.architecture.ParticipantArchitecture;

/** customer-service keeps the participant shape (the rules are in {@link ParticipantArchitecture}). */
class ArchitectureTest extends ParticipantArchitecture {}

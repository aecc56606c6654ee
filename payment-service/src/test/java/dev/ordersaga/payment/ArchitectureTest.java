package dev.ordersaga.payment;

import dev.ordersaga.testsupport.architecture.ParticipantArchitecture;

/** payment-service keeps the participant shape (the rules are in {@link ParticipantArchitecture}). */
class ArchitectureTest extends ParticipantArchitecture {}

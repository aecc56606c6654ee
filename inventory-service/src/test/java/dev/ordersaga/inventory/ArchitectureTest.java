package dev.ordersaga.inventory;

import dev.ordersaga.testsupport.architecture.ParticipantArchitecture;

/** inventory-service keeps the participant shape (the rules are in {@link ParticipantArchitecture}). */
class ArchitectureTest extends ParticipantArchitecture {}

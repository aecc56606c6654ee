package dev.ordersaga.inventory.saga;

/**
 * The same contract with the runtime keeping the orders in memory between polls, as the service runs
 * ({@code saga.runtime.cache-states}): a redelivery decided on the kept reservation (not read again)
 * says the same and changes nothing, and a late reservation is refused as well.
 */
class InventoryCachingContractTest extends InventoryContractTest {

    @Override
    protected int cachedStates() {
        return 100;
    }
}

package dev.ordersaga.console.shop;

import dev.ordersaga.support.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A service of the shop answered with an error (or could not be reached): its status and, when it
 * sent a problem detail, its detail and code. The console's JSON API answers it as a problem detail
 * with the same status; its pages show it.
 */
public class ShopException extends ApiException {

    private final String service;

    public ShopException(String service, HttpStatus status, String code, String message) {
        super(status, code == null ? "SHOP_ERROR" : code, message);
        this.service = service;
        with("service", service);
    }

    public String service() {
        return service;
    }
}

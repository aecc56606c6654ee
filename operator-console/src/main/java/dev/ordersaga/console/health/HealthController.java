package dev.ordersaga.console.health;

import dev.ordersaga.console.shop.ShopClient;
import dev.ordersaga.console.shop.ShopViews.Product;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Stock (with inventory's own invariant check) and the services' health, rates and lag. */
@Controller
class HealthController {

    private final ShopClient shop;
    private final ServiceMeters meters;
    private final ConsumerLag lag;

    HealthController(ShopClient shop, ServiceMeters meters, ConsumerLag lag) {
        this.shop = shop;
        this.meters = meters;
        this.lag = lag;
    }

    @GetMapping("/stock")
    String stock(Model model) {
        model.addAttribute("invariants", shop.invariants());
        Map<String, Product> products = shop.products(0, 100).items().stream()
                .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a));
        model.addAttribute("products", products);
        return "stock";
    }

    @GetMapping("/health")
    String health(Model model) {
        model.addAttribute("meters", meters.snapshot());
        model.addAttribute("lag", lag.now());
        return "health";
    }
}

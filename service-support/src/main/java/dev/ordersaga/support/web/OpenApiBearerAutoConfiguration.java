package dev.ordersaga.support.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every service's OpenAPI description declares the bearer token its endpoints need, so the
 * Swagger UI can send one. Services describe only themselves (title, description).
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiBearerAutoConfiguration {

    public static final String SCHEME = "bearer";

    @Bean
    OpenApiCustomizer sagaBearerScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            SCHEME,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .bearerFormat("JWT"));
            if (openApi.getSecurity() == null || openApi.getSecurity().isEmpty()) {
                openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
            }
        };
    }
}

package com.example.orders;

import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small order service on Spring Boot, Spring Data JPA (Hibernate), HikariCP and H2. In the
 * {@code leak} scenario its reports hold connections too long and its exports leak them, until
 * the pool runs dry; run it under poolscope to see both methods named behind Spring's and
 * Hibernate's frames. {@code --scenario=leak|healthy --seconds=20}.
 */
@SpringBootApplication
public class OrdersApp {

    public static void main(String[] args) {
        // Exit explicitly: the leaked connections must not keep the JVM alive, and the context closes first.
        System.exit(SpringApplication.exit(SpringApplication.run(OrdersApp.class, args)));
    }

    @Bean
    CommandLineRunner clerks(OrderDesk desk, ReportService reports, ExportService exports, OrdersSettings settings) {
        return args -> System.out.println(new Clerks(desk, reports, exports, settings).run());
    }
}

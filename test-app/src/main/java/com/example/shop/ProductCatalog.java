package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Product pages: one short query per view. */
public class ProductCatalog {

    private static final String FIND_PRODUCT = "SELECT id, name, price_cents FROM products WHERE id = ?";

    private final DataSource dataSource;

    public ProductCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<Product> find(int productId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(FIND_PRODUCT)) {
            query.setInt(1, productId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Product(row.getInt("id"), row.getString("name"), row.getInt("price_cents")));
            }
        }
    }
}

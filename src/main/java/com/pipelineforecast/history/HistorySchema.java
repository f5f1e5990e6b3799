package com.pipelineforecast.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/** Creates the snapshot tables on first use, with the script of the database in use (HSQLDB or PostgreSQL). */
@Component
public class HistorySchema implements InitializingBean {

    private final DataSource dataSource;

    public HistorySchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
        String platform = product.contains("postgres") ? "postgresql" : "hsqldb";
        new ResourceDatabasePopulator(new ClassPathResource("db/schema-" + platform + ".sql")).execute(dataSource);
    }
}

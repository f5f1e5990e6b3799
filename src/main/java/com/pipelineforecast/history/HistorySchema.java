package com.pipelineforecast.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the history tables on first use from {@code db/schema.sql} (PostgreSQL syntax). On HSQLDB the tables
 * are made CACHED, so that tables growing with deals live on disk whatever the connection URL says. Columns added
 * since a table was created are added to it.
 */
@Component
public class HistorySchema implements InitializingBean {

    private final DataSource dataSource;

    public HistorySchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException, IOException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
        String script = new ClassPathResource("db/schema.sql").getContentAsString(StandardCharsets.UTF_8);
        if (product.contains("hsql")) {
            script = script.replace("CREATE TABLE", "CREATE CACHED TABLE").replace(" TEXT", " VARCHAR(32768)");
        }
        new ResourceDatabasePopulator(new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8)))
                .execute(dataSource);
        addMissingColumns(product.contains("hsql") ? "VARCHAR(32768)" : "TEXT");
    }

    /** Columns added after a database was first created; a history from an earlier version gets them. */
    private void addMissingColumns(String textType) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!hasColumn(connection, "deal_snapshot", "export_values")) {
                try (var statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE deal_snapshot ADD COLUMN export_values " + textType);
                }
            }
        }
    }

    private static boolean hasColumn(Connection connection, String table, String column) throws SQLException {
        var meta = connection.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (var columns = meta.getColumns(null, null, name, null)) {
                while (columns.next()) {
                    if (columns.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

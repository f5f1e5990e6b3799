package com.pipelineforecast.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates the history tables on first use from the schema of the database in use ({@code db/hsqldb/schema.sql} or
 * {@code db/postgresql/schema.sql}), and brings a history created by an earlier version up to date.
 */
@Component
public class HistorySchema implements InitializingBean {

    private final DataSource dataSource;

    public HistorySchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** HSQLDB's type for the export rows, which grow with the export's columns. */
    private static final String HSQLDB_DOCUMENT = "VARCHAR(16777216)";
    /** Table and column of every HSQLDB document column an earlier version created shorter. */
    private static final String[][] DOCUMENTS = {{"deal_snapshot", "export_values"}, {"export_columns", "headers"}};

    private boolean hsqldb;

    /** Whether the history is the embedded HSQLDB (else PostgreSQL): known once the schema is in place. */
    public boolean hsqldb() {
        return hsqldb;
    }

    @Override
    public void afterPropertiesSet() throws SQLException, IOException {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        }
        hsqldb = product.contains("hsql");
        new ResourceDatabasePopulator(new ClassPathResource(hsqldb ? "db/hsqldb/schema.sql"
                : "db/postgresql/schema.sql")).execute(dataSource);
        upgrade(hsqldb);
    }

    /**
     * Brings a history created by an earlier version up to date: columns added since, and on HSQLDB documents
     * widened that were first created as short texts.
     */
    private void upgrade(boolean hsqldb) throws SQLException {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            if (columnSize(connection, "deal_snapshot", "export_values") < 0) {
                statement.execute("ALTER TABLE deal_snapshot ADD COLUMN export_values "
                        + (hsqldb ? HSQLDB_DOCUMENT : "TEXT"));
            }
            if (columnSize(connection, "deal_snapshot", "stage_value") < 0) {
                statement.execute("ALTER TABLE deal_snapshot ADD COLUMN stage_value VARCHAR(200)");
            }
            if (columnSize(connection, "deal_snapshot", "checklist_assessed") < 0) {
                statement.execute("ALTER TABLE deal_snapshot ADD COLUMN checklist_assessed BOOLEAN");
            }
            if (columnSize(connection, "deal_snapshot", "missing_items") < 0) {
                statement.execute("ALTER TABLE deal_snapshot ADD COLUMN missing_items "
                        + (hsqldb ? "VARCHAR(32768)" : "TEXT"));
            }
            if (columnSize(connection, "revised_deal", "evidenced_stage") < 0) {
                // the lowered evidence was kept on the snapshot row
                statement.execute("ALTER TABLE revised_deal ADD COLUMN evidenced_stage VARCHAR(200)");
                statement.execute("ALTER TABLE revised_deal ADD COLUMN evidenced_order INTEGER");
                statement.execute("ALTER TABLE revised_deal ADD COLUMN evidenced_probability DECIMAL(9,6)");
                statement.execute("ALTER TABLE revised_deal ADD COLUMN weighted_adjusted DECIMAL(21,2)");
            }
            // indexes of earlier versions that no query uses any more (each insert and delete paid for them)
            for (String index : new String[] {"deal_snapshot_by_duplicate_key", "deal_snapshot_by_deal"}) {
                statement.execute(hsqldb ? "DROP INDEX " + index + " IF EXISTS" : "DROP INDEX IF EXISTS " + index);
            }
            if (columnSize(connection, "forecast_run", "deals_removed_at") < 0) {
                statement.execute("ALTER TABLE forecast_run ADD COLUMN deals_removed_at TIMESTAMP");
            }
            int kind = columnSize(connection, "mail_delivery", "kind");
            if (kind >= 0 && kind < 220) {
                // created before a team's deliveries were recorded ("team:" and the team's name)
                statement.execute("ALTER TABLE mail_delivery ALTER COLUMN kind " + (hsqldb ? "SET DATA TYPE" : "TYPE")
                        + " VARCHAR(220)");
            }
            if (hsqldb) {
                // a database created before the data file was mapped up to 16 GB (see application.properties)
                statement.execute("SET FILES NIO SIZE 16384");
                // durable commits whatever the URL says (a database created before they were switched on)
                statement.execute("SET FILES WRITE DELAY FALSE");
                if (!"CLOB".equalsIgnoreCase(columnType(connection, "forecast_analysis", "content"))) {
                    // a stored analysis grows with owners and teams: a VARCHAR of 16 MB held 20,000 owners
                    statement.execute("ALTER TABLE forecast_analysis ALTER COLUMN content SET DATA TYPE CLOB");
                }
                for (String[] document : DOCUMENTS) {
                    int size = columnSize(connection, document[0], document[1]);
                    if (size >= 0 && size < 16777216) {
                        statement.execute("ALTER TABLE " + document[0] + " ALTER COLUMN " + document[1]
                                + " SET DATA TYPE " + HSQLDB_DOCUMENT);
                    }
                }
            }
        }
    }

    /** A column as the database declares it. */
    private record Column(String type, int size) {
    }

    /** The type name of a column, or null when the table has no such column. */
    private static String columnType(Connection connection, String table, String column) throws SQLException {
        Column declared = column(connection, table, column);
        return declared == null ? null : declared.type();
    }

    /** The declared size of a column, or -1 when the table has no such column. */
    private static int columnSize(Connection connection, String table, String column) throws SQLException {
        Column declared = column(connection, table, column);
        return declared == null ? -1 : declared.size();
    }

    /** The column as declared (the table's name as given or upper case), or null when it has no such column. */
    private static Column column(Connection connection, String table, String column) throws SQLException {
        var meta = connection.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (var columns = meta.getColumns(null, null, name, null)) {
                while (columns.next()) {
                    if (columns.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return new Column(columns.getString("TYPE_NAME"), columns.getInt("COLUMN_SIZE"));
                    }
                }
            }
        }
        return null;
    }
}

package scenarios.contract;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * DataSources that wrap a pool: Spring's {@code TransactionAwareDataSourceProxy} and
 * {@code LazyConnectionDataSourceProxy}, one over the other, over a pool of {@code <Kind>}.
 * {@code NestingApp <Kind>}: 10 connections through each wrapper, used and closed, and one leaked;
 * prints the pool MBean's figures.
 */
public final class NestingApp {

    private static final List<Connection> LEAKED = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        PoolKind kind = (PoolKind) Class.forName("scenarios.contract." + args[0] + "Kind")
                .getDeclaredConstructor().newInstance();
        DataSource pool = kind.open(new PoolKind.Settings(ContractApp.URL, 3, 5000, 0));
        DataSource transactionAware = new TransactionAwareDataSourceProxy(pool);
        DataSource lazy = new LazyConnectionDataSourceProxy(pool);
        DataSource lazyOverTransactionAware = new LazyConnectionDataSourceProxy(transactionAware);
        int used = 0;
        for (DataSource wrapper : new DataSource[]{transactionAware, lazy, lazyOverTransactionAware}) {
            for (int i = 0; i < 10; i++) {
                try (Connection connection = DataSourceUtils.getConnection(wrapper); Statement statement = connection.createStatement()) {
                    statement.execute("select 1"); // a lazy proxy takes its connection from the pool here
                    used++;
                }
            }
        }
        Connection leaked = lazyOverTransactionAware.getConnection();
        leaked.createStatement().close();
        LEAKED.add(leaked);
        System.out.println("result used=" + used);
        ContractApp.printPoolAttributes();
        kind.close(pool);
    }
}

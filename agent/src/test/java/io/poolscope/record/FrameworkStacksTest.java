package io.poolscope.record;

import io.poolscope.config.Frames;
import io.poolscope.config.Options;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call site of stacks as the frameworks between an application and its pool make them: the
 * shapes (classes, methods, order) of real acquisition stacks through Spring's JdbcTemplate,
 * Spring Data JPA on Hibernate, MyBatis's mapper proxies, jOOQ's DSLContext and Kotlin coroutines,
 * with the application's frames in {@code com.acme}.
 */
class FrameworkStacksTest {

    private static final List<String> HIKARI = Collections.singletonList("com.zaxxer.hikari.");

    /** poolscope's and HikariCP's frames, trimmed from the top of every stack. */
    private static final String[] POOL_TOP = {
        "io.poolscope.record.StackPolicy.capture(StackPolicy.java:33)",
        "io.poolscope.record.ActiveRecorder.leased(ActiveRecorder.java:188)",
        "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:198)",
        "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:162)",
        "com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)",
    };

    /** A request thread of Spring MVC on Tomcat, below the controller. */
    private static final String[] WEB_REQUEST = {
        "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
        "java.base/java.lang.reflect.Method.invoke(Method.java:580)",
        "org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:258)",
        "org.springframework.web.method.support.InvocableHandlerMethod.invokeForRequest(InvocableHandlerMethod.java:191)",
        "org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(ServletInvocableHandlerMethod.java:118)",
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.invokeHandlerMethod(RequestMappingHandlerAdapter.java:986)",
        "org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.handleInternal(RequestMappingHandlerAdapter.java:891)",
        "org.springframework.web.servlet.mvc.method.AbstractHandlerMethodAdapter.handle(AbstractHandlerMethodAdapter.java:87)",
        "org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)",
        "org.springframework.web.servlet.DispatcherServlet.doService(DispatcherServlet.java:979)",
        "org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)",
        "org.springframework.web.servlet.FrameworkServlet.doGet(FrameworkServlet.java:903)",
        "jakarta.servlet.http.HttpServlet.service(HttpServlet.java:564)",
        "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)",
        "jakarta.servlet.http.HttpServlet.service(HttpServlet.java:658)",
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:195)",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)",
        "org.apache.tomcat.websocket.server.WsFilter.doFilter(WsFilter.java:51)",
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:164)",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)",
        "org.springframework.web.filter.RequestContextFilter.doFilterInternal(RequestContextFilter.java:100)",
        "org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:116)",
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:164)",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)",
        "org.springframework.web.filter.FormContentFilter.doFilterInternal(FormContentFilter.java:93)",
        "org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:116)",
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:164)",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)",
        "org.springframework.web.filter.CharacterEncodingFilter.doFilterInternal(CharacterEncodingFilter.java:201)",
        "org.springframework.web.filter.OncePerRequestFilter.doFilter(OncePerRequestFilter.java:116)",
        "org.apache.catalina.core.ApplicationFilterChain.internalDoFilter(ApplicationFilterChain.java:164)",
        "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:140)",
        "org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:167)",
        "org.apache.catalina.core.StandardContextValve.invoke(StandardContextValve.java:90)",
        "org.apache.catalina.authenticator.AuthenticatorBase.invoke(AuthenticatorBase.java:483)",
        "org.apache.catalina.core.StandardHostValve.invoke(StandardHostValve.java:116)",
        "org.apache.catalina.valves.ErrorReportValve.invoke(ErrorReportValve.java:93)",
        "org.apache.catalina.core.StandardEngineValve.invoke(StandardEngineValve.java:74)",
        "org.apache.catalina.connector.CoyoteAdapter.service(CoyoteAdapter.java:344)",
        "org.apache.coyote.http11.Http11Processor.service(Http11Processor.java:397)",
        "org.apache.coyote.AbstractProcessorLight.process(AbstractProcessorLight.java:63)",
        "org.apache.coyote.AbstractProtocol$ConnectionHandler.process(AbstractProtocol.java:905)",
        "org.apache.tomcat.util.net.NioEndpoint$SocketProcessor.doRun(NioEndpoint.java:1741)",
        "org.apache.tomcat.util.net.SocketProcessorBase.run(SocketProcessorBase.java:52)",
        "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1190)",
        "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)",
        "org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run(TaskThread.java:63)",
        "java.base/java.lang.Thread.run(Thread.java:1583)",
    };

    /**
     * Spring's interceptor chain of a {@code @Transactional} method on a CGLIB proxy, down to where
     * the transaction begins (Spring 7.0, as test-app-spring's dump shows it).
     */
    private static final String[] TRANSACTION_BEGIN = {
        "org.springframework.orm.jpa.vendor.HibernateJpaDialect.beginTransaction(HibernateJpaDialect.java:135)",
        "org.springframework.orm.jpa.JpaTransactionManager.doBegin(JpaTransactionManager.java:411)",
        "org.springframework.transaction.support.AbstractPlatformTransactionManager.startTransaction(AbstractPlatformTransactionManager.java:532)",
        "org.springframework.transaction.support.AbstractPlatformTransactionManager.getTransaction(AbstractPlatformTransactionManager.java:405)",
        "org.springframework.transaction.interceptor.TransactionAspectSupport.createTransactionIfNecessary(TransactionAspectSupport.java:628)",
        "org.springframework.transaction.interceptor.TransactionAspectSupport.invokeWithinTransaction(TransactionAspectSupport.java:365)",
        "org.springframework.transaction.interceptor.TransactionInterceptor.invoke(TransactionInterceptor.java:130)",
        "org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:179)",
        "org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor.intercept(CglibAopProxy.java:719)",
    };

    /** Hibernate 7.2 between its connection provider and the transaction Spring begins. */
    private static final String[] HIBERNATE_BEGIN = {
        "org.hibernate.engine.jdbc.connections.internal.DataSourceConnectionProvider.getConnection(DataSourceConnectionProvider.java:137)",
        "org.hibernate.internal.NonContextualJdbcConnectionAccess.obtainConnection(NonContextualJdbcConnectionAccess.java:47)",
        "org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquire(LogicalConnectionManagedImpl.java:187)",
        "org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:87)",
        "org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.getPhysicalConnection(LogicalConnectionManagedImpl.java:126)",
    };

    private static List<String> lines(String[]... parts) {
        List<String> lines = new ArrayList<>();
        for (String[] part : parts) {
            lines.addAll(Arrays.asList(part));
        }
        return lines;
    }

    private static String[] of(String... lines) {
        return lines;
    }

    /** A frame from a line of a printed stack trace, {@code module/pkg.Class.method(File.java:12)}. */
    private static StackTraceElement parse(String line) {
        String text = line.substring(line.indexOf('/') + 1);
        int open = text.indexOf('(');
        String qualified = text.substring(0, open);
        int dot = qualified.lastIndexOf('.');
        String location = text.substring(open + 1, text.length() - 1);
        String file = null;
        int number = -1;
        if (location.equals("Native Method")) {
            number = -2;
        } else if (!location.equals("Unknown Source")) {
            int colon = location.indexOf(':');
            file = colon < 0 ? location : location.substring(0, colon);
            number = colon < 0 ? -1 : Integer.parseInt(location.substring(colon + 1));
        }
        return new StackTraceElement(qualified.substring(0, dot), qualified.substring(dot + 1), file, number);
    }

    private static Throwable trace(List<String> lines) {
        StackTraceElement[] frames = new StackTraceElement[lines.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = parse(lines.get(i));
        }
        Throwable trace = new Throwable();
        trace.setStackTrace(frames);
        return trace;
    }

    private static CallSites callSites(String options) {
        Options parsed = Options.parse(options, new Properties());
        assertTrue(parsed.problems().isEmpty(), parsed.problems().toString());
        return new CallSites(100, 40, FrameClassifier.of(parsed));
    }

    private static AcquisitionStack intern(String options, List<String> lines) {
        return callSites(options).intern(trace(lines), HIKARI);
    }

    /** Every frame of the application in the trimmed stack is printed, and the lines stay within maxStackDepth. */
    private static void assertKeepsTheApplicationsFrames(AcquisitionStack stack, List<String> lines, int maxDepth) {
        assertTrue(stack.lines().size() <= maxDepth, () -> stack.lines().size() + " lines: " + stack.lines());
        List<String> printed = new ArrayList<>();
        for (StackTraceElement frame : stack.frames()) {
            printed.add(Frames.format(frame));
        }
        for (String line : lines) {
            if (line.startsWith("com.acme.") && !line.contains("$$")) {
                assertTrue(printed.contains(line.substring(line.indexOf('/') + 1)), () -> line + " is not in " + stack.lines());
            }
        }
        assertEquals(lines.size() - POOL_TOP.length, stack.frames().size() + stack.omittedFrames(), "every frame printed or counted");
    }

    @Test
    void jdbcTemplateCalledFromADaoNamesTheDao() {
        List<String> lines = lines(POOL_TOP, of(
                "org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)",
                "org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)",
                "org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:81)",
                "org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)",
                "org.springframework.jdbc.core.JdbcTemplate.query(JdbcTemplate.java:723)",
                "org.springframework.jdbc.core.JdbcTemplate.query(JdbcTemplate.java:754)",
                "org.springframework.jdbc.core.JdbcTemplate.query(JdbcTemplate.java:809)",
                "com.acme.billing.InvoiceDao.unpaid(InvoiceDao.java:41)",
                "com.acme.billing.InvoiceService.remind(InvoiceService.java:27)",
                "com.acme.billing.ReminderJob.run(ReminderJob.java:19)",
                "org.springframework.scheduling.support.ScheduledMethodRunnable.runInternal(ScheduledMethodRunnable.java:130)",
                "org.springframework.scheduling.support.ScheduledMethodRunnable.run(ScheduledMethodRunnable.java:124)",
                "org.springframework.scheduling.support.DelegatingErrorHandlingRunnable.run(DelegatingErrorHandlingRunnable.java:54)",
                "java.base/java.util.concurrent.Executors$RunnableAdapter.call(Executors.java:572)",
                "java.base/java.util.concurrent.FutureTask.runAndReset(FutureTask.java:358)",
                "java.base/java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java:305)",
                "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1144)",
                "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:642)",
                "java.base/java.lang.Thread.run(Thread.java:1583)"));

        AcquisitionStack stack = intern("", lines);

        assertEquals("com.acme.billing.InvoiceDao.unpaid(InvoiceDao.java:41)", stack.callSite());
        assertEquals("com.acme.billing.InvoiceService.remind(InvoiceService.java:27)", stack.caller());
        assertEquals("org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)",
                Frames.format(stack.frames().get(0)), "the stack itself still begins where the connection was taken");
        assertEquals(0, stack.omittedFrames(), "within maxStackDepth: nothing folded");
    }

    @Test
    void aTransactionalMethodEnteredThroughItsSpringProxyIsTheCallSite() {
        List<String> lines = lines(POOL_TOP, HIBERNATE_BEGIN, TRANSACTION_BEGIN, of(
                "com.acme.reports.ReportService$$SpringCGLIB$$0.monthlyTotals(<generated>)",
                "com.acme.reports.ReportController.monthly(ReportController.java:33)"), WEB_REQUEST);

        AcquisitionStack stack = intern("", lines);

        assertEquals("com.acme.reports.ReportService.monthlyTotals(on entry, through its proxy)", stack.callSite());
        assertEquals("com.acme.reports.ReportController.monthly(ReportController.java:33)", stack.caller());
        assertKeepsTheApplicationsFrames(stack, lines, 40);
    }

    @Test
    void springDataRepositoryCalledFromAServiceMethodNamesTheServiceMethod() {
        List<String> lines = lines(POOL_TOP, of(
                "org.hibernate.engine.jdbc.connections.internal.DataSourceConnectionProvider.getConnection(DataSourceConnectionProvider.java:126)",
                "org.hibernate.internal.NonContextualJdbcConnectionAccess.obtainConnection(NonContextualJdbcConnectionAccess.java:46)",
                "org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.acquireConnectionIfNeeded(LogicalConnectionManagedImpl.java:126)",
                "org.hibernate.resource.jdbc.internal.LogicalConnectionManagedImpl.getPhysicalConnection(LogicalConnectionManagedImpl.java:152)",
                "org.hibernate.engine.jdbc.internal.StatementPreparerImpl.connection(StatementPreparerImpl.java:54)",
                "org.hibernate.engine.jdbc.internal.StatementPreparerImpl$1.doPrepare(StatementPreparerImpl.java:191)",
                "org.hibernate.engine.jdbc.internal.StatementPreparerImpl$StatementPreparationTemplate.prepareStatement(StatementPreparerImpl.java:169)",
                "org.hibernate.engine.jdbc.internal.StatementPreparerImpl.prepareQueryStatement(StatementPreparerImpl.java:193)",
                "org.hibernate.sql.exec.internal.DeferredResultSetAccess.executeQuery(DeferredResultSetAccess.java:259)",
                "org.hibernate.sql.exec.internal.DeferredResultSetAccess.getResultSet(DeferredResultSetAccess.java:171)",
                "org.hibernate.sql.results.jdbc.internal.AbstractResultSetAccess.getMetaData(AbstractResultSetAccess.java:36)",
                "org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl.executeQuery(JdbcSelectExecutorStandardImpl.java:227)",
                "org.hibernate.sql.exec.internal.JdbcSelectExecutorStandardImpl.list(JdbcSelectExecutorStandardImpl.java:102)",
                "org.hibernate.sql.exec.spi.JdbcSelectExecutor.list(JdbcSelectExecutor.java:91)",
                "org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan.lambda$new$1(ConcreteSqmSelectQueryPlan.java:152)",
                "org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan.withCacheableSqmInterpretation(ConcreteSqmSelectQueryPlan.java:442)",
                "org.hibernate.query.sqm.internal.ConcreteSqmSelectQueryPlan.performList(ConcreteSqmSelectQueryPlan.java:362)",
                "org.hibernate.query.sqm.internal.SqmSelectionQueryImpl.doList(SqmSelectionQueryImpl.java:379)",
                "org.hibernate.query.spi.AbstractSelectionQuery.list(AbstractSelectionQuery.java:142)",
                "org.hibernate.query.Query.getResultList(Query.java:120)",
                "org.springframework.data.jpa.repository.support.SimpleJpaRepository.findAll(SimpleJpaRepository.java:423)",
                "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
                "java.base/java.lang.reflect.Method.invoke(Method.java:580)",
                "org.springframework.aop.support.AopUtils.invokeJoinpointUsingReflection(AopUtils.java:360)",
                "org.springframework.data.repository.core.support.RepositoryMethodInvocationListener$RepositoryFragments.invoke(RepositoryFactorySupport.java:277)",
                "org.springframework.data.repository.core.support.RepositoryComposition.invoke(RepositoryComposition.java:515)",
                "org.springframework.data.repository.core.support.RepositoryFactorySupport$ImplementationMethodExecutionInterceptor.invoke(RepositoryFactorySupport.java:651)",
                "org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:184)",
                "org.springframework.data.repository.core.support.QueryExecutorMethodInterceptor.invoke(QueryExecutorMethodInterceptor.java:161)",
                "org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:184)",
                "org.springframework.dao.support.PersistenceExceptionTranslationInterceptor.invoke(PersistenceExceptionTranslationInterceptor.java:135)",
                "org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:184)",
                "org.springframework.data.jpa.repository.support.CrudMethodMetadataPostProcessor$CrudMethodMetadataPopulatingMethodInterceptor.invoke(CrudMethodMetadataPostProcessor.java:136)",
                "org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:184)",
                "org.springframework.aop.framework.JdkDynamicAopProxy.invoke(JdkDynamicAopProxy.java:223)",
                "jdk.proxy2/jdk.proxy2.$Proxy97.findAll(Unknown Source)",
                "com.acme.shop.OwnerService.allOwners(OwnerService.java:29)",
                "com.acme.shop.OwnerController.list(OwnerController.java:41)"), WEB_REQUEST);

        AcquisitionStack stack = intern("", lines);

        assertEquals("com.acme.shop.OwnerService.allOwners(OwnerService.java:29)", stack.callSite());
        assertEquals("com.acme.shop.OwnerController.list(OwnerController.java:41)", stack.caller());
        assertKeepsTheApplicationsFrames(stack, lines, 40);
        String first = stack.lines().get(0).toString();
        assertTrue(first.contains("DataSourceConnectionProvider.getConnection"), "the frame nearest the call comes first: " + first);
        String fold = stack.lines().get(stack.lines().size() - 1).toString();
        assertTrue(fold.matches("\\.\\.\\. \\d+ frames of .*org\\.apache\\.catalina.*"), "the request's frames, folded: " + fold);
    }

    @Test
    void myBatisMapperProxyCalledFromAServiceNamesTheService() {
        List<String> lines = lines(POOL_TOP, of(
                "org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)",
                "org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)",
                "org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:81)",
                "org.mybatis.spring.transaction.SpringManagedTransaction.openConnection(SpringManagedTransaction.java:80)",
                "org.mybatis.spring.transaction.SpringManagedTransaction.getConnection(SpringManagedTransaction.java:67)",
                "org.apache.ibatis.executor.BaseExecutor.getConnection(BaseExecutor.java:348)",
                "org.apache.ibatis.executor.SimpleExecutor.prepareStatement(SimpleExecutor.java:89)",
                "org.apache.ibatis.executor.SimpleExecutor.doQuery(SimpleExecutor.java:64)",
                "org.apache.ibatis.executor.BaseExecutor.queryFromDatabase(BaseExecutor.java:336)",
                "org.apache.ibatis.executor.BaseExecutor.query(BaseExecutor.java:158)",
                "org.apache.ibatis.executor.CachingExecutor.query(CachingExecutor.java:110)",
                "org.apache.ibatis.executor.CachingExecutor.query(CachingExecutor.java:90)",
                "org.apache.ibatis.session.defaults.DefaultSqlSession.selectList(DefaultSqlSession.java:154)",
                "org.apache.ibatis.session.defaults.DefaultSqlSession.selectList(DefaultSqlSession.java:147)",
                "org.apache.ibatis.session.defaults.DefaultSqlSession.selectList(DefaultSqlSession.java:142)",
                "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)",
                "java.base/java.lang.reflect.Method.invoke(Method.java:580)",
                "org.mybatis.spring.SqlSessionTemplate$SqlSessionInterceptor.invoke(SqlSessionTemplate.java:333)",
                "jdk.proxy2/jdk.proxy2.$Proxy58.selectList(Unknown Source)",
                "org.mybatis.spring.SqlSessionTemplate.selectList(SqlSessionTemplate.java:194)",
                "org.apache.ibatis.binding.MapperMethod.executeForMany(MapperMethod.java:164)",
                "org.apache.ibatis.binding.MapperMethod.execute(MapperMethod.java:77)",
                "org.apache.ibatis.binding.MapperProxy$PlainMethodInvoker.invoke(MapperProxy.java:141)",
                "org.apache.ibatis.binding.MapperProxy.invoke(MapperProxy.java:86)",
                "jdk.proxy2/jdk.proxy2.$Proxy61.findByCustomer(Unknown Source)",
                "com.acme.orders.OrderService.ordersOf(OrderService.java:31)",
                "com.acme.orders.OrderController.list(OrderController.java:24)"), WEB_REQUEST);

        AcquisitionStack stack = intern("", lines);

        assertEquals("com.acme.orders.OrderService.ordersOf(OrderService.java:31)", stack.callSite());
        assertEquals("com.acme.orders.OrderController.list(OrderController.java:24)", stack.caller());
        assertKeepsTheApplicationsFrames(stack, lines, 40);
        assertTrue(stack.lines().get(39).toString().matches("\\.\\.\\. \\d+ frames of jakarta, org\\.springframework, "
                + "org\\.apache\\.catalina, org\\.apache\\.tomcat, \\+2 more \\.\\.\\."), stack.lines().toString());
    }

    @Test
    void jooqDslContextQueryNamesTheRepositoryMethod() {
        List<String> lines = lines(POOL_TOP, of(
                "org.jooq.impl.DataSourceConnectionProvider.acquire(DataSourceConnectionProvider.java:87)",
                "org.jooq.impl.DefaultExecuteContext.connection(DefaultExecuteContext.java:651)",
                "org.jooq.impl.AbstractQuery.connection(AbstractQuery.java:388)",
                "org.jooq.impl.AbstractQuery.execute(AbstractQuery.java:308)",
                "org.jooq.impl.AbstractResultQuery.fetch(AbstractResultQuery.java:290)",
                "org.jooq.impl.SelectImpl.fetch(SelectImpl.java:2843)",
                "org.jooq.impl.AbstractResultQuery.fetchInto(AbstractResultQuery.java:1545)",
                "org.jooq.impl.SelectImpl.fetchInto(SelectImpl.java:4013)",
                "com.acme.catalog.ProductRepository.inStock(ProductRepository.java:35)",
                "com.acme.catalog.CatalogService.available(CatalogService.java:22)",
                "com.acme.catalog.CatalogController.available(CatalogController.java:18)"), WEB_REQUEST);

        AcquisitionStack stack = intern("", lines);

        assertEquals("com.acme.catalog.ProductRepository.inStock(ProductRepository.java:35)", stack.callSite());
        assertEquals("com.acme.catalog.CatalogService.available(CatalogService.java:22)", stack.caller());
        assertKeepsTheApplicationsFrames(stack, lines, 40);
    }

    @Test
    void kotlinCoroutineResumedOnAWorkerNamesTheSuspendFunction() {
        List<String> lines = lines(POOL_TOP, of(
                "com.acme.ledger.LedgerRepository$balance$2.invokeSuspend(LedgerRepository.kt:24)",
                "kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)",
                "kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:100)",
                "kotlinx.coroutines.internal.LimitedDispatcher$Worker.run(LimitedDispatcher.kt:113)",
                "kotlinx.coroutines.scheduling.TaskImpl.run(Tasks.kt:89)",
                "kotlinx.coroutines.scheduling.CoroutineScheduler.runSafely(CoroutineScheduler.kt:586)",
                "kotlinx.coroutines.scheduling.CoroutineScheduler$Worker.executeTask(CoroutineScheduler.kt:820)",
                "kotlinx.coroutines.scheduling.CoroutineScheduler$Worker.runWorker(CoroutineScheduler.kt:717)",
                "kotlinx.coroutines.scheduling.CoroutineScheduler$Worker.run(CoroutineScheduler.kt:704)"));

        AcquisitionStack stack = intern("", lines);

        assertEquals("com.acme.ledger.LedgerRepository$balance$2.invokeSuspend(LedgerRepository.kt:24)", stack.callSite());
        assertNull(stack.caller(), "a resumed coroutine has no caller of the application on its stack");
    }

    @Test
    void kotlinCodeThroughKotlinsOwnFunctionsNamesTheApplicationsLambda() {
        List<String> lines = lines(POOL_TOP, of(
                "org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)",
                "org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)",
                "org.springframework.jdbc.datasource.DataSourceUtils.getConnection(DataSourceUtils.java:81)",
                "org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)",
                "org.springframework.jdbc.core.JdbcTemplate.queryForObject(JdbcTemplate.java:896)",
                "com.acme.ledger.AccountDao$total$1.invoke(AccountDao.kt:17)",
                "kotlin.SynchronizedLazyImpl.getValue(LazyJVM.kt:83)",
                "com.acme.ledger.AccountDao.getTotal(AccountDao.kt:16)",
                "com.acme.ledger.Statements$monthly$1.invokeSuspend(Statements.kt:40)",
                "kotlin.coroutines.jvm.internal.BaseContinuationImpl.resumeWith(ContinuationImpl.kt:33)",
                "kotlinx.coroutines.DispatchedTask.run(DispatchedTask.kt:100)",
                "kotlinx.coroutines.EventLoopImplBase.processNextEvent(EventLoop.common.kt:263)",
                "kotlinx.coroutines.BlockingCoroutine.joinBlocking(Builders.kt:95)",
                "kotlinx.coroutines.BuildersKt__BuildersKt.runBlocking(Builders.kt:69)",
                "kotlinx.coroutines.BuildersKt.runBlocking(Unknown Source)",
                "com.acme.ledger.MainKt.main(Main.kt:9)"));

        AcquisitionStack stack = intern("", lines);

        assertEquals("com.acme.ledger.AccountDao$total$1.invoke(AccountDao.kt:17)", stack.callSite());
        assertEquals("com.acme.ledger.AccountDao.getTotal(AccountDao.kt:16)", stack.caller(), "kotlin.SynchronizedLazyImpl skipped");
    }

    @Test
    void appPackagesFindTheApplicationInsideAFrameworksOwnPackages() {
        // Spring PetClinic lives in org.springframework.samples.petclinic
        List<String> lines = lines(POOL_TOP, HIBERNATE_BEGIN, TRANSACTION_BEGIN, of(
                "org.springframework.samples.petclinic.owner.OwnerRepository$$SpringCGLIB$$0.findById(<generated>)",
                "org.springframework.samples.petclinic.owner.OwnerController.showOwner(OwnerController.java:160)"), WEB_REQUEST);

        AcquisitionStack withoutOption = intern("", lines);
        AcquisitionStack withOption = intern("appPackages=org.springframework.samples", lines);

        assertEquals(Frames.format(parse(HIBERNATE_BEGIN[0])), withoutOption.callSite(),
                "without the option every frame is Spring's or Hibernate's: the first outside the JDK");
        assertEquals("org.springframework.samples.petclinic.owner.OwnerRepository.findById(on entry, through its proxy)",
                withOption.callSite());
        assertEquals("org.springframework.samples.petclinic.owner.OwnerController.showOwner(OwnerController.java:160)",
                withOption.caller());
    }

    @Test
    void appPackagesMakeEveryOtherPackageALayer() {
        List<String> lines = lines(POOL_TOP, of(
                "com.corp.persistence.Session.connection(Session.java:50)",
                "com.acme.billing.InvoiceDao.unpaid(InvoiceDao.java:41)",
                "com.acme.billing.InvoiceService.remind(InvoiceService.java:27)"));

        assertEquals("com.corp.persistence.Session.connection(Session.java:50)", intern("", lines).callSite());
        assertEquals("com.acme.billing.InvoiceDao.unpaid(InvoiceDao.java:41)", intern("appPackages=com.acme", lines).callSite());
        assertEquals("com.acme.billing.InvoiceDao.unpaid(InvoiceDao.java:41)",
                intern("frameworkPackages=+com.corp.persistence", lines).callSite());
        assertEquals("com.acme.billing.InvoiceService.remind(InvoiceService.java:27)",
                intern("appPackages=com.acme.billing.InvoiceService,frameworkPackages=+com.corp", lines).callSite());
    }

    @Test
    void aBuiltInLayerTakenOutIsTheApplicationsAgain() {
        List<String> lines = lines(POOL_TOP, of(
                "org.jooq.impl.DataSourceConnectionProvider.acquire(DataSourceConnectionProvider.java:87)",
                "com.acme.catalog.ProductRepository.inStock(ProductRepository.java:35)"));

        assertEquals("org.jooq.impl.DataSourceConnectionProvider.acquire(DataSourceConnectionProvider.java:87)",
                intern("frameworkPackages=-org.jooq", lines).callSite());
    }

    @Test
    void aLongStackKeepsEveryApplicationFrameAndFoldsTheLayersBetweenThem() {
        List<String> lines = lines(POOL_TOP, HIBERNATE_BEGIN, TRANSACTION_BEGIN, of(
                "com.acme.reports.ReportService$$SpringCGLIB$$0.monthlyTotals(<generated>)",
                "com.acme.reports.ReportFacade.monthly(ReportFacade.java:12)"), TRANSACTION_BEGIN, of(
                "com.acme.reports.ReportFacade$$SpringCGLIB$$0.monthly(<generated>)",
                "com.acme.reports.ReportController.monthly(ReportController.java:33)"), WEB_REQUEST);
        CallSites callSites = new CallSites(100, 12, FrameClassifier.defaults());

        AcquisitionStack stack = callSites.intern(trace(lines), HIKARI);

        List<String> printed = new ArrayList<>();
        for (Object line : stack.lines()) {
            printed.add(line instanceof StackTraceElement ? Frames.format((StackTraceElement) line) : line.toString());
        }
        assertEquals(12, printed.size(), String.join("\n", printed));
        assertEquals(Frames.format(parse(HIBERNATE_BEGIN[0])), printed.get(0));
        assertTrue(printed.contains("com.acme.reports.ReportService$$SpringCGLIB$$0.monthlyTotals(<generated>)"),
                "the call site's proxy frame: " + printed);
        assertTrue(printed.contains("com.acme.reports.ReportFacade.monthly(ReportFacade.java:12)"), String.join("\n", printed));
        assertTrue(printed.contains("com.acme.reports.ReportController.monthly(ReportController.java:33)"), String.join("\n", printed));
        assertTrue(printed.contains("... 8 frames of org.springframework ..."), String.join("\n", printed));
        assertTrue(printed.contains("... 10 frames of org.springframework, generated proxies ..."), String.join("\n", printed));
        assertTrue(printed.get(printed.size() - 1).matches(
                "\\.\\.\\. 48 frames of jdk, java, org\\.springframework, jakarta, \\+3 more \\.\\.\\."), printed.get(printed.size() - 1));
        assertEquals(lines.size() - POOL_TOP.length, stack.frames().size() + stack.omittedFrames());
    }
}

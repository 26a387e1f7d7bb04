package com.picksdigest.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with the JDBC JobStore on the application's own database and pool, clustered: every node runs the
 * same scheduler name, and Quartz's row locks make each firing run on exactly one of them.
 */
public final class Scheduling implements AutoCloseable {
    static final String GROUP = "picks";
    private static final String NAME = "PicksDigest";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Scheduler scheduler;
    private final List<ScheduledTask> tasks;

    private Scheduling(Scheduler scheduler, List<ScheduledTask> tasks) {
        this.scheduler = scheduler;
        this.tasks = tasks;
    }

    public static Scheduling create(DataSource ds, String nodeId, List<ScheduledTask> tasks) throws SchedulerException {
        String dsName = "picks-" + SEQ.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new PoolProvider(ds));
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", NAME);
        p.put("org.quartz.scheduler.instanceId", nodeId + "#" + SEQ.get());
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.put("org.quartz.jobStore.dataSource", dsName);
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.put("org.quartz.jobStore.misfireThreshold", "60000");
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        Scheduler s = factory.getScheduler();
        // Quartz keeps one scheduler per name per JVM; nodes of a cluster share the name, and tests run two
        // nodes in one JVM, so this instance is taken out of that registry once built.
        SchedulerRepository.getInstance().remove(NAME);
        Map<String, Runnable> work = new HashMap<>();
        for (ScheduledTask t : tasks) work.put(t.name(), t.work());
        s.setJobFactory((bundle, sched) -> {
            Runnable r = work.get(bundle.getJobDetail().getKey().getName());
            // A job another node knows and this one does not (a newer version during a rolling upgrade): skip.
            return new TaskJob(r != null ? r : () -> {});
        });
        return new Scheduling(s, List.copyOf(tasks));
    }

    /** Registers the tasks for the cluster, then starts this node. */
    public void start() throws SchedulerException {
        register();
        scheduler.start();
    }

    /**
     * Registers each task once for the whole cluster, without running anything on this node (an existing trigger
     * keeps its misfire state, so a missed firing is caught up once when a node comes back).
     */
    public void register() throws SchedulerException {
        for (ScheduledTask t : tasks) {
            JobKey key = JobKey.jobKey(t.name(), GROUP);
            if (scheduler.checkExists(key)) continue;
            JobDetail job = JobBuilder.newJob(TaskJob.class)
                    .withIdentity(key)
                    .storeDurably()
                    .requestRecovery()
                    .build();
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(TriggerKey.triggerKey(t.name(), GROUP))
                    .forJob(key)
                    .withSchedule(
                            CronScheduleBuilder.cronSchedule(t.cron()).withMisfireHandlingInstructionFireAndProceed())
                    .build();
            try {
                scheduler.scheduleJob(job, Set.of(trigger), false);
            } catch (ObjectAlreadyExistsException raced) {
                // another node registered it first: the same job, nothing to do
            }
        }
    }

    /** Asks the cluster to run a task now (one node will); at startup this catches up a missed dispatch. */
    public void runNow(String taskName) throws SchedulerException {
        scheduler.triggerJob(JobKey.jobKey(taskName, GROUP));
    }

    public boolean running() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            // shutting down anyway
        }
    }

    private record PoolProvider(DataSource ds) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return ds.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the application, which closes it
        }

        @Override
        public void initialize() {
            // nothing: the pool exists already
        }
    }
}

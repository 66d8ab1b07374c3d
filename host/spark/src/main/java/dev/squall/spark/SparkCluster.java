package dev.squall.spark;

import dev.squall.api.JobListener;
import dev.squall.api.JobSummary;
import dev.squall.cli.JobCluster;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code squall job run JOB.json --spark MASTER}: the job read and planned first (a mistake in it, or a folder
 * that belongs to another job, is said before Spark starts), then a Spark context on MASTER for as long as the
 * job's tasks run. Spark's settings come as Spark's always do: {@code spark.*} Java system properties
 * ({@code SQUALL_JAVA_OPTS=-Dspark.squall.framesPerTask=4}), or spark-submit's {@code --conf}.
 */
public final class SparkCluster implements JobCluster {
    /** Spark's logging for local runs, unless the JVM was given its own (log4j2.configurationFile). */
    private static final String LOGGING = "classpath:dev/squall/spark/log4j2-squall.properties";

    /** The command line's instance, made by {@link java.util.ServiceLoader}. */
    public SparkCluster() {
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Outcome run(Request request, Consumer<String> report, JobListener listener) throws IOException {
        try (SparkJob job = SparkJob.read(request.file(), request.master())) {
            job.plan(request.selection(), request.force(), line -> listener.notice("squall: " + line))
                    .forEach(report);
            if (request.selection().count(job.frames()) == 0) {
                listener.notice("squall: " + request.selection() + " takes none of this job's " + job.frames()
                        + " frames");
            }
            if (job.todo().isEmpty()) {    // nothing to hand out: no Spark to start, and nothing to show
                return new Outcome(job.first(), new JobSummary(0, request.selection().count(job.frames()), 0, "", 0,
                        0, 0, 0));
            }
            if (System.getProperty("log4j2.configurationFile") == null) {
                System.setProperty("log4j2.configurationFile", LOGGING);
            }
            SparkConf conf = new SparkConf().setMaster(request.master())
                    .setIfMissing("spark.app.name", "squall job " + request.file().getFileName());
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                SparkJob.Result result = job.run(sc, listener);
                if (result.failedAttempts() > 0) {
                    listener.notice("squall: " + result.failedAttempts() + " failed task attempt"
                            + (result.failedAttempts() == 1 ? " was" : "s were") + " retried; every frame is done"
                            + " and intact");
                }
                return new Outcome(job.first(), result.summary());
            }
        }
    }
}

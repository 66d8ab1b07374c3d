package dev.squall.spark;

import dev.squall.cli.Squall;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of {@code squall-spark-submit.jar}: {@code spark-submit --master MASTER ... squall-spark-submit.jar
 * JOB.json [--force] [--shard I/N] [--frames A-B]} is {@code squall job run JOB.json ... --spark MASTER}, MASTER as
 * spark-submit gives it to the driver ({@code spark.master}).
 */
public final class SubmitMain {
    private SubmitMain() {
    }

    /**
     * Runs the job; exits with the command line's code when it is not 0 (0 returns, so that Spark's cluster managers
     * see the application end as it normally does).
     *
     * @param args the job file and {@code job run}'s options
     */
    public static void main(String... args) {
        String master = System.getProperty("spark.master");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        if (master == null || master.isBlank()) {
            err.println("squall: squall-spark-submit.jar runs under spark-submit (which gives it spark.master): "
                    + "spark-submit --master MASTER squall-spark-submit.jar JOB.json; or ./squall job run JOB.json"
                    + " --spark MASTER");
            System.exit(Squall.EXIT_USAGE);
        }
        List<String> line = new ArrayList<>(List.of("job", "run"));
        line.addAll(List.of(args));
        line.addAll(List.of("--spark", master));
        int code = Squall.execute(out, err, line.toArray(String[]::new));
        if (code != 0) {
            System.exit(code);
        }
    }
}

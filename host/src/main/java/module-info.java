/**
 * Squall's engine: devices, backends, tiles, fallback, verification, image I/O and jobs, for JVM programs that
 * embed it. Exported: {@code dev.squall.api} (the facade: {@link dev.squall.api.Engine}, {@link dev.squall.api.JobRun}),
 * {@code dev.squall.api.bench} (benchmarks and their reports) and the service-provider
 * interface a device family implements ({@code dev.squall.host}: {@link dev.squall.host.Backend};
 * {@code dev.squall.host.tiling}: the bands it renders). Everything else (the JOCL wrappers, the vector loops,
 * tiling and scheduling, jobs, file formats) is the engine's own. The command line ({@code host/cli}) uses the
 * exported packages only (a test checks its imports); the benchmarks and the TornadoVM module (a device family)
 * use the rest from the class path, where a module's exports do not apply.
 */
module dev.squall.engine {
    requires transitive dev.squall.kernels;
    requires jdk.incubator.vector;
    requires java.desktop;
    requires java.management;
    requires jdk.management;
    requires jocl;
    requires pngj;
    requires com.fasterxml.jackson.databind;
    requires org.knowm.xchart;

    exports dev.squall.api;
    exports dev.squall.api.bench;
    exports dev.squall.host;
    exports dev.squall.host.tiling;

    // Jackson reads and writes the job, manifest and benchmark records by reflection.
    opens dev.squall.host.job to com.fasterxml.jackson.databind;
    opens dev.squall.api.bench to com.fasterxml.jackson.databind;

    uses dev.squall.host.device.BackendProvider;
}

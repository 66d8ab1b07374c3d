package dev.squall.host.device;

import dev.squall.host.Backend;
import dev.squall.kernels.Precision;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A backend family built apart from the host, found with {@link ServiceLoader} when its jar is on the class path:
 * TornadoVM's ({@code squall-host-tornado}, built with {@code -Ptornado} and run by {@code ./squall} when
 * {@code TORNADOVM_HOME} is set). The host knows it only through this interface.
 */
public interface BackendProvider {

    /** The name {@code --device} takes for this family: {@code tornado}. */
    String family();

    /** Its devices, for {@code squall devices}; fails with {@link DeviceUnavailableException} saying why. */
    List<Device> devices();

    /**
     * Opens device {@code index} ({@code -1}: the family's default device) for {@code precision}; {@code fast}
     * allows the family's own fast, inexact arithmetic (TornadoVM's multiply-add fusion and fast-math build flags).
     */
    Backend open(int index, boolean fast, Precision precision);

    /** One device as {@code squall devices} lists it. */
    record Device(String id, String type, int computeUnits, long globalMemBytes, long maxAllocBytes, boolean fp64,
            String description) {
    }

    /** The provider of {@code family} on the class path, if any. */
    static Optional<BackendProvider> find(String family) {
        return ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.family().equals(family)).findFirst();
    }
}

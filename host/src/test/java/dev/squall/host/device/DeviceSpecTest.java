package dev.squall.host.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.squall.kernels.InvalidParameterException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

    @Test
    void tornadoIdsNameTheDefaultOrANumberedDeviceExactOrFast() {
        assertEquals(new DeviceSpec.Tornado(-1, false), DeviceSpec.parse("tornado"));
        assertEquals(new DeviceSpec.Tornado(3, false), DeviceSpec.parse("tornado:3"));
        assertEquals(new DeviceSpec.Tornado(-1, true), DeviceSpec.parse("tornado-fast"));
        assertEquals(new DeviceSpec.Tornado(0, true), DeviceSpec.parse("tornado-fast:0"));
        for (String id : List.of("tornado", "tornado:3", "tornado-fast", "tornado-fast:0")) {
            assertEquals(id, ((DeviceSpec.Tornado) DeviceSpec.parse(id)).id());
        }
        assertEquals(new DeviceSpec.Tornado(1, false), DeviceSpec.parseSingle("tornado:1"));
    }

    @Test
    void tornadoDevicesMayShareTilesWithOthersButNotMixExactAndFast() {
        assertEquals(new DeviceSpec.Several(List.of(new DeviceSpec.Tornado(0, false), new DeviceSpec.Cpu())),
                DeviceSpec.parse("tornado:0,cpu"));
        assertThrows(InvalidParameterException.class, () -> DeviceSpec.parse("tornado:0,tornado-fast:1"));
        assertThrows(InvalidParameterException.class, () -> DeviceSpec.parse("tornado:0,tornado:0"));
        for (String bad : List.of("tornado:", "tornado:-1", "tornado:x", "tornado-slow", "tornado:0:0", "TORNADO")) {
            assertThrows(InvalidParameterException.class, () -> DeviceSpec.parse(bad), bad);
        }
    }
}

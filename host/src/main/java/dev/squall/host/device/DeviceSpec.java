package dev.squall.host.device;

import dev.squall.kernels.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code --device} asks for: {@code auto}, {@code cpu}, {@code opencl} (the best one) or {@code opencl:P:D}. */
public sealed interface DeviceSpec {
    String ALLOWED = "auto, cpu, opencl or opencl:P:D (see squall devices)";

    record Auto() implements DeviceSpec {
    }

    record Cpu() implements DeviceSpec {
    }

    record AnyOpenCl() implements DeviceSpec {
    }

    record OpenCl(int platform, int device) implements DeviceSpec {
        public String id() {
            return "opencl:" + platform + ":" + device;
        }
    }

    Pattern OPENCL_ID = Pattern.compile("opencl:(\\d{1,6}):(\\d{1,6})");

    static DeviceSpec parse(String text) {
        Matcher m = OPENCL_ID.matcher(text);
        if (m.matches()) {
            return new OpenCl(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return switch (text) {
            case "auto" -> new Auto();
            case "cpu" -> new Cpu();
            case "opencl" -> new AnyOpenCl();
            default -> throw new InvalidParameterException("device", '"' + text + '"', ALLOWED);
        };
    }
}

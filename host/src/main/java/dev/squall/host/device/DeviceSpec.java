package dev.squall.host.device;

import dev.squall.kernels.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --device} asks for: {@code auto}, {@code cpu}, {@code opencl} (the best one), {@code opencl:P:D},
 * {@code all} (every OpenCL device that can run the request, and the CPU), or a list of single devices such as
 * {@code opencl:0:0,cpu}, which share the tiles of a render.
 */
public sealed interface DeviceSpec {
    String ALLOWED = "auto, cpu, opencl, opencl:P:D, all, or a list such as opencl:0:0,cpu (see squall devices)";
    /** What commands that run on one device accept. */
    String ONE_ALLOWED = "auto, cpu, opencl or opencl:P:D (see squall devices)";

    /** Every usable OpenCL device and the CPU backend. */
    record All() implements DeviceSpec {
    }

    /** Several single devices (cpu, opencl:P:D), each at most once. */
    record Several(java.util.List<DeviceSpec> devices) implements DeviceSpec {
        public Several {
            devices = java.util.List.copyOf(devices);
        }
    }

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
        if (text.contains(",")) {
            java.util.List<DeviceSpec> devices = new java.util.ArrayList<>();
            for (String part : text.split(",", -1)) {
                DeviceSpec one = parseOne(part.strip(), text);
                if (!(one instanceof Cpu || one instanceof OpenCl)) {
                    throw new InvalidParameterException("device", '"' + text + '"',
                            "a list of cpu and opencl:P:D, each once (\"" + part.strip() + "\" cannot be listed)");
                }
                if (devices.contains(one)) {
                    throw new InvalidParameterException("device", '"' + text + '"',
                            "a list of cpu and opencl:P:D, each once (\"" + part.strip() + "\" is there twice)");
                }
                devices.add(one);
            }
            return new Several(devices);
        }
        return parseOne(text, text);
    }

    /** A single device, for commands that run on one: {@code all} and lists are refused here, naming what is allowed. */
    static DeviceSpec parseSingle(String text) {
        DeviceSpec spec = text.contains(",") ? null : parseOne(text, text, ONE_ALLOWED);
        if (spec == null || spec instanceof All) {
            throw new InvalidParameterException("device", '"' + text + '"', ONE_ALLOWED);
        }
        return spec;
    }

    private static DeviceSpec parseOne(String text, String whole) {
        return parseOne(text, whole, ALLOWED);
    }

    private static DeviceSpec parseOne(String text, String whole, String allowed) {
        Matcher m = OPENCL_ID.matcher(text);
        if (m.matches()) {
            return new OpenCl(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return switch (text) {
            case "auto" -> new Auto();
            case "cpu" -> new Cpu();
            case "opencl" -> new AnyOpenCl();
            case "all" -> new All();
            default -> throw new InvalidParameterException("device", '"' + whole + '"', allowed);
        };
    }
}

package dev.squall.host.device;

import dev.squall.kernels.InvalidParameterException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code --device} asks for: {@code auto}, {@code cpu}, {@code opencl} (the best one), {@code opencl:P:D},
 * {@code all} (every OpenCL device that can run the request, and the CPU), or a list of single devices such as
 * {@code opencl:0:0,cpu}, which share the tiles of a render. {@code tornado}, {@code tornado:N} (TornadoVM's
 * default device or its device N, exact arithmetic) and {@code tornado-fast}, {@code tornado-fast:N} (TornadoVM's
 * own fast math) need TornadoVM ({@link BackendProvider}); {@code auto} and {@code all} never pick them.
 */
public sealed interface DeviceSpec {
    String ALLOWED = "auto, cpu, opencl, opencl:P:D, tornado[:N], all, or a list such as opencl:0:0,cpu (see squall"
            + " devices)";
    /** What commands that run on one device accept. */
    String ONE_ALLOWED = "auto, cpu, opencl, opencl:P:D or tornado[:N] (see squall devices)";

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

    /**
     * A TornadoVM device: {@code device} its index in TornadoVM's device list (backend 0), or -1 for TornadoVM's
     * default device; {@code fast} TornadoVM's fast math instead of exact arithmetic.
     */
    record Tornado(int device, boolean fast) implements DeviceSpec {
        public String id() {
            return (fast ? "tornado-fast" : "tornado") + (device < 0 ? "" : ":" + device);
        }
    }

    Pattern TORNADO_ID = Pattern.compile("(tornado|tornado-fast)(?::(\\d{1,6}))?");

    Pattern OPENCL_ID = Pattern.compile("opencl:(\\d{1,6}):(\\d{1,6})");

    static DeviceSpec parse(String text) {
        if (text.contains(",")) {
            java.util.List<DeviceSpec> devices = new java.util.ArrayList<>();
            for (String part : text.split(",", -1)) {
                DeviceSpec one = parseOne(part.strip(), text);
                if (!(one instanceof Cpu || one instanceof OpenCl || one instanceof Tornado)) {
                    throw new InvalidParameterException("device", '"' + text + '"', "a list of cpu, opencl:P:D and"
                            + " tornado[:N], each once (\"" + part.strip() + "\" cannot be listed)");
                }
                if (devices.contains(one)) {
                    throw new InvalidParameterException("device", '"' + text + '"', "a list of cpu, opencl:P:D and"
                            + " tornado[:N], each once (\"" + part.strip() + "\" is there twice)");
                }
                if (one instanceof Tornado t && devices.stream().anyMatch(d -> d instanceof Tornado o
                        && o.fast() != t.fast())) {
                    throw new InvalidParameterException("device", '"' + text + '"', "TornadoVM devices all exact"
                            + " (tornado) or all fast (tornado-fast): its arithmetic is set once per process");
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
        Matcher t = TORNADO_ID.matcher(text);
        if (t.matches()) {
            return new Tornado(t.group(2) == null ? -1 : Integer.parseInt(t.group(2)), t.group(1).endsWith("fast"));
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

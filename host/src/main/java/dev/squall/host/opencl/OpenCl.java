package dev.squall.host.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Finds the OpenCL platforms and devices of this machine. The only class that asks the ICD loader what exists. */
public final class OpenCl {
    /** The library JOCL's native glue opens by this exact name on Linux (see README: OpenCL set-up). */
    private static final String LOADER = "libOpenCL.so";

    private static volatile OpenClProbe probe;

    private OpenCl() {
    }

    /** The devices of this machine; asked once per process (the ICD loader's answer does not change). */
    public static OpenClProbe probe() {
        OpenClProbe p = probe;
        if (p == null) {
            synchronized (OpenCl.class) {
                p = probe;
                if (p == null) {
                    p = probe = discover();
                }
            }
        }
        return p;
    }

    private static OpenClProbe discover() {
        // Look for the loader first: when it is missing JOCL's native code prints to stdout and throws.
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            try {
                SymbolLookup.libraryLookup(LOADER, Arena.global());
            } catch (IllegalArgumentException e) {
                return OpenClProbe.unavailable(loaderMissing());
            }
        }
        try {
            CL.setExceptionsEnabled(false);
            int[] count = new int[1];
            int status = CL.clGetPlatformIDs(0, null, count);
            if (status == CL.CL_PLATFORM_NOT_FOUND_KHR || (status == CL.CL_SUCCESS && count[0] == 0)) {
                return OpenClProbe.unavailable("no OpenCL platform (the ICD loader found no driver"
                        + vendorsHint() + ")");
            }
            OpenClException.check(status, "clGetPlatformIDs", "");
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            OpenClException.check(CL.clGetPlatformIDs(count[0], platforms, null), "clGetPlatformIDs", "");
            List<OpenClDevice> devices = new ArrayList<>();
            for (int p = 0; p < platforms.length; p++) {
                devices.addAll(devicesOf(p, platforms[p]));
            }
            if (devices.isEmpty()) {
                return OpenClProbe.unavailable("no OpenCL device on " + platforms.length + " platform(s)");
            }
            return new OpenClProbe(devices, java.util.Optional.empty());
        } catch (UnsatisfiedLinkError | OpenClException e) {
            return OpenClProbe.unavailable("OpenCL unusable: " + e.getMessage());
        }
    }

    /**
     * Why JOCL cannot open the loader: there is none, or there is only {@code libOpenCL.so.1} (what drivers and
     * ocl-icd-libopencl1 install), which the launchers link as {@code libOpenCL.so} but an embedding program's JVM
     * does not see under that name.
     */
    private static String loaderMissing() {
        try (Arena probe = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(LOADER + ".1", probe);
            return "the OpenCL ICD loader is there as " + LOADER + ".1, but JOCL opens " + LOADER
                    + ": run through squall (it links one to the other), or install ocl-icd-opencl-dev (Debian)";
        } catch (IllegalArgumentException e) {
            return "no OpenCL ICD loader (" + LOADER + ".1) found: install ocl-icd-libopencl1 (Debian) and the"
                    + " GPU's OpenCL driver";
        }
    }

    private static String vendorsHint() {
        String vendors = System.getenv("OCL_ICD_VENDORS");
        return vendors != null ? " in OCL_ICD_VENDORS=" + vendors : " in /etc/OpenCL/vendors";
    }

    private static List<OpenClDevice> devicesOf(int platformIndex, cl_platform_id platform) {
        int[] count = new int[1];
        int status = CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, count);
        if (status == CL.CL_DEVICE_NOT_FOUND) {
            return List.of();
        }
        OpenClException.check(status, "clGetDeviceIDs", "");
        cl_device_id[] ids = new cl_device_id[count[0]];
        OpenClException.check(CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, count[0], ids, null),
                "clGetDeviceIDs", "");
        String platformName = platformString(platform, CL.CL_PLATFORM_NAME);
        List<OpenClDevice> devices = new ArrayList<>();
        for (int d = 0; d < ids.length; d++) {
            cl_device_id id = ids[d];
            long type = deviceLong(id, CL.CL_DEVICE_TYPE);
            devices.add(new OpenClDevice(
                    platformIndex, d, platform, id, platformName,
                    deviceString(id, CL.CL_DEVICE_NAME),
                    (type & CL.CL_DEVICE_TYPE_GPU) != 0 ? OpenClDevice.Type.GPU
                            : (type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0 ? OpenClDevice.Type.ACCELERATOR
                            : (type & CL.CL_DEVICE_TYPE_CPU) != 0 ? OpenClDevice.Type.CPU
                            : OpenClDevice.Type.OTHER,
                    (int) deviceLong(id, CL.CL_DEVICE_MAX_COMPUTE_UNITS),
                    deviceLong(id, CL.CL_DEVICE_GLOBAL_MEM_SIZE),
                    deviceLong(id, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                    deviceLong(id, CL.CL_DEVICE_DOUBLE_FP_CONFIG) != 0
                            || deviceString(id, CL.CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64"),
                    deviceString(id, CL.CL_DRIVER_VERSION),
                    deviceString(id, CL.CL_DEVICE_VERSION)));
        }
        return devices;
    }

    static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        OpenClException.check(CL.clGetDeviceInfo(device, param, 0, null, size), "clGetDeviceInfo", "");
        byte[] bytes = new byte[(int) size[0]];
        OpenClException.check(CL.clGetDeviceInfo(device, param, bytes.length, Pointer.to(bytes), null),
                "clGetDeviceInfo", "");
        return cString(bytes);
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        OpenClException.check(CL.clGetPlatformInfo(platform, param, 0, null, size), "clGetPlatformInfo", "");
        byte[] bytes = new byte[(int) size[0]];
        OpenClException.check(CL.clGetPlatformInfo(platform, param, bytes.length, Pointer.to(bytes), null),
                "clGetPlatformInfo", "");
        return cString(bytes);
    }

    /** Reads an info value of up to 8 bytes (cl_uint, cl_ulong, cl_bitfield) as a long. */
    private static long deviceLong(cl_device_id device, int param) {
        long[] size = new long[1];
        OpenClException.check(CL.clGetDeviceInfo(device, param, 0, null, size), "clGetDeviceInfo", "");
        ByteBuffer buffer = ByteBuffer.allocateDirect(Sizeof.cl_ulong).order(ByteOrder.nativeOrder());
        OpenClException.check(CL.clGetDeviceInfo(device, param, size[0], Pointer.to(buffer), null),
                "clGetDeviceInfo", "");
        return size[0] == Sizeof.cl_uint ? Integer.toUnsignedLong(buffer.getInt(0)) : buffer.getLong(0);
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).strip();
    }
}

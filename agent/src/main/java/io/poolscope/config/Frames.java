package io.poolscope.config;

/** Stack frames printed the classic way, {@code pkg.Class.method(File.java:42)}, without module or loader prefixes. */
public final class Frames {

    private Frames() {
    }

    public static String format(StackTraceElement frame) {
        StringBuilder text = new StringBuilder(96);
        text.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
        if (frame.isNativeMethod()) {
            text.append("Native Method");
        } else if (frame.getFileName() == null) {
            text.append("Unknown Source");
        } else {
            text.append(frame.getFileName());
            if (frame.getLineNumber() >= 0) {
                text.append(':').append(frame.getLineNumber());
            }
        }
        return text.append(')').toString();
    }
}

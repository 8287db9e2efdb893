package io.zoommetering.app;

/** Entry point of the zoom-metering application; the subcommands arrive with the application issue. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("zoom-metering: the processor is not wired into a runnable application yet.");
    }
}

package com.example.hello;

/** The application the CI job containerizes: small on purpose, the image's journey is what the sample shows. */
public final class Hello {
    private Hello() {
    }

    static String greeting(String name) {
        return "Hello, " + (name == null || name.isBlank() ? "world" : name.strip()) + "!";
    }

    public static void main(String[] args) {
        System.out.println(greeting(args.length > 0 ? args[0] : null));
    }
}

package com.example.hello;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelloTest {
    @Test
    void greetsByNameOrTheWorld() {
        assertThat(Hello.greeting(" Jib ")).isEqualTo("Hello, Jib!");
        assertThat(Hello.greeting(null)).isEqualTo("Hello, world!");
    }
}

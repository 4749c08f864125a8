package io.poolscope.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's option table lists every option of the table in code, with its default. */
class ReadmeOptionsTest {

    @Test
    void readmeListsEveryOptionWithItsDefault() throws Exception {
        Path readme = Paths.get("..", "README.md");
        String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
        for (Option<?> option : Option.ALL) {
            String row = "| `" + option.name() + "` | `" + option.defaultText() + "` |";
            assertTrue(text.contains(row), "README.md lacks the row starting " + row);
        }
    }
}

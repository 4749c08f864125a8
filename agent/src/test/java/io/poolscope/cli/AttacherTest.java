package io.poolscope.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttacherTest {

    @ParameterizedTest
    @CsvSource({"1.8, 8", "1.7, 7", "9, 9", "10, 10", "11, 11", "17, 17", "25, 25", "26-ea, 26"})
    void theTargetsJavaMajorVersionIsReadFromItsSpecificationVersion(String specification, int major) {
        assertEquals(major, Attacher.javaMajor(specification));
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL", "''", "unknown"}, nullValues = "NULL")
    void anUnknownVersionIsNotRefused(String specification) {
        assertEquals(Integer.MAX_VALUE, Attacher.javaMajor(specification));
    }
}

package io.gridflex.dispatch.registry;

import java.math.BigDecimal;

/**
 * A site's enrollment in a program.
 *
 * @param programId the program
 * @param enrolledKw the capacity the site is enrolled with: the most any event of the program asks of it
 */
public record Enrollment(String programId, BigDecimal enrolledKw) {
}

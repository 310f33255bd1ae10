package io.gridflex.settlement.ui;

import java.util.List;

/**
 * What every page shows around its content.
 *
 * @param title the page's title
 * @param user who is logged in
 * @param roles their roles, sorted
 * @param csrf the token every form of the page carries ({@link Csrf})
 */
public record Page(String title, String user, List<String> roles, String csrf) {
}

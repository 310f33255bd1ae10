package io.gridflex.settlement.ui;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.gridflex.support.audit.Actor;
import io.gridflex.support.audit.Actors;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;

/** What every page needs: who is looking, with which roles, and the answer that carries a rendered page. */
@RequestScoped
public class Pages {

    private final Actors actors;
    private final SecurityIdentity identity;
    private final Csrf csrf;

    public Pages(Actors actors, SecurityIdentity identity, Csrf csrf) {
        this.actors = actors;
        this.identity = identity;
        this.csrf = csrf;
    }

    /** The frame of a page titled {@code title}, with the browser's form token (a new one if it has none). */
    public Page page(String csrfCookie, String title) {
        return new Page(title, actors.current().name(), identity.getRoles().stream().sorted().toList(),
                csrf.token(csrfCookie));
    }

    /** This server's own origin, as the browser sees it: what a form's {@code Origin} must be. */
    public String origin(UriInfo uri) {
        java.net.URI base = uri.getBaseUri();
        return base.getScheme() + "://" + base.getAuthority();
    }

    /** Who is acting, for the audit log and four-eyes. */
    public Actor actor() {
        return actors.current();
    }

    /** Refuses (403) a form without the browser's token or from another origin ({@link Csrf}). */
    public void checkForm(String token, String cookie, HttpHeaders headers, UriInfo uri) {
        csrf.check(token, cookie, headers, origin(uri));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** A rendered page, never cached, and the cookie of its form token (secure behind HTTPS). */
    public Response html(Response.Status status, TemplateInstance body, Page page, UriInfo uri) {
        boolean secure = "https".equals(uri.getBaseUri().getScheme());
        return Response.status(status).entity(body).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cookie(csrf.cookie(page.csrf(), secure)).header("Cache-Control", "no-store").build();
    }
}

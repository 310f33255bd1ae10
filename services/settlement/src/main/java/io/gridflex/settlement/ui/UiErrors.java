package io.gridflex.settlement.ui;

import java.util.List;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.gridflex.support.web.ApiException;
import io.gridflex.support.web.ApiExceptionMapper;
import io.gridflex.support.web.ErrorBody;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Refusals on the pages as a page: what was wrong, who is logged in with which roles, and the way back. Everywhere
 * else (the API) refusals stay the JSON {@link ErrorBody} of {@link ApiExceptionMapper}.
 */
public class UiErrors {

    private static final ApiExceptionMapper API = new ApiExceptionMapper();

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance error(Page page, String detail, int status);
    }

    private final SecurityIdentity identity;

    public UiErrors(SecurityIdentity identity) {
        this.identity = identity;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response refused(ApiException e, UriInfo uri) {
        if (!onPages(uri)) {
            return API.map(e);
        }
        String title = switch (e.status()) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not allowed";
            case CONFLICT -> "Not possible now";
            default -> "Not understood";
        };
        return page(e.status(), title, e.body().detail());
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        String detail = "Your roles do not allow this. Billing pages need billing-viewer, billing-admin or auditor; "
                + "forms that change a statement need billing-admin; the audit log needs auditor or billing-admin.";
        if (!onPages(uri)) {
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody("forbidden", "the caller's roles do not allow this")).build();
        }
        return page(Response.Status.FORBIDDEN, "Not allowed", detail);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response notFound(NotFoundException e, UriInfo uri) {
        if (!onPages(uri)) {
            return API.map(e);
        }
        return page(Response.Status.NOT_FOUND, "Not found", "There is no page at " + uri.getRequestUri().getPath()
                + ".");
    }

    private Response page(Response.Status status, String title, String detail) {
        boolean anonymous = identity.isAnonymous();
        String user = anonymous ? null : identity.getPrincipal().getName();
        List<String> roles = anonymous ? List.of() : identity.getRoles().stream().sorted().toList();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .entity(Templates.error(new Page(title, user, roles, null), detail, status.getStatusCode()).render())
                .build();
    }

    private static boolean onPages(UriInfo uri) {
        String path = uri.getRequestUri().getPath();
        return path.equals("/ui") || path.startsWith("/ui/");
    }
}

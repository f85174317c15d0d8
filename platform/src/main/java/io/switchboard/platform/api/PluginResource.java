package io.switchboard.platform.api;

import io.switchboard.platform.plugin.InstalledPlugin;
import io.switchboard.platform.plugin.InstalledPluginRepository;
import io.switchboard.platform.plugin.InstanceVersion;
import io.switchboard.platform.plugin.PluginEntry;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.platform.plugin.PluginRefusedException;
import io.switchboard.platform.plugin.PluginStore;
import io.switchboard.platform.plugin.PluginUploads;
import io.switchboard.platform.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * {@code /api/v1/plugins}, for platform operators only (ADR 0002: no tenant adds code): every plugin jar with its
 * state, reason and what each instance runs; upload (install, upgrade), switch off and on, remove (ADR 0011).
 * Tenants see the started plugins in the catalogue.
 */
@Path("plugins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    private PluginHost pluginHost;
    private InstalledPluginRepository installedPlugins;
    private PluginStore store;
    private PluginUploads uploads;
    private Caller caller;

    protected PluginResource() {
        // for the CDI proxy
    }

    @Inject
    public PluginResource(PluginHost pluginHost, InstalledPluginRepository installedPlugins, PluginStore store,
                          PluginUploads uploads, Caller caller) {
        this.pluginHost = pluginHost;
        this.installedPlugins = installedPlugins;
        this.store = store;
        this.uploads = uploads;
        this.caller = caller;
    }

    @GET
    public List<PluginView> list() {
        caller.require(Role.PLATFORM_OPERATOR);
        return views(pluginHost.entries());
    }

    /**
     * Uploads a plugin jar (the body): validated in isolation, then stored and served by every instance. 201 with the
     * plugin when stored (new, upgrade, replacement), 200 when the same jar was installed already; 422 for a bad jar,
     * 409 for a conflict with what is installed, 413 for a jar over the limit — then nothing changed.
     */
    @POST
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM})
    public Response upload(@RequestBody(description = "the plugin jar", content = {
                               @Content(mediaType = "application/java-archive",
                                       schema = @Schema(type = SchemaType.STRING, format = "binary")),
                               @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                                       schema = @Schema(type = SchemaType.STRING, format = "binary"))})
                           InputStream body,
                           @QueryParam("replace") @DefaultValue("false") boolean replace) {
        caller.require(Role.PLATFORM_OPERATOR);
        PluginUploads.Uploaded uploaded = uploads.upload(read(body, uploads.maxBytes()), replace);
        return Response.status(uploaded.created() ? 201 : 200).entity(view(uploaded.entry())).build();
    }

    @POST
    @Path("{id}/disable")
    public PluginView disable(@PathParam("id") String id) {
        caller.require(Role.PLATFORM_OPERATOR);
        return view(uploads.disable(id));
    }

    @POST
    @Path("{id}/enable")
    public PluginView enable(@PathParam("id") String id) {
        caller.require(Role.PLATFORM_OPERATOR);
        return view(uploads.enable(id));
    }

    /** Removes an uploaded plugin; 409 while connections use it (switch it off instead) or for a bundled one. */
    @DELETE
    @Path("{id}")
    public Response remove(@PathParam("id") String id) {
        caller.require(Role.PLATFORM_OPERATOR);
        uploads.remove(id);
        return Response.noContent().build();
    }

    private PluginView view(PluginEntry entry) {
        return views(List.of(entry)).get(0);
    }

    private List<PluginView> views(List<PluginEntry> entries) {
        Map<String, InstalledPlugin> installed = installedPlugins.all();
        Map<String, PluginStore.Upload> stored = store.desired().uploads();
        Map<String, List<InstanceVersion>> instances = InstanceVersion.byPlugin(store.heartbeats(), Instant.now());
        return entries.stream().map(e -> {
            String id = e.report().pluginId();
            List<InstanceVersion> running = id == null ? List.of() : instances.getOrDefault(id, List.of()).stream()
                    .filter(i -> i.source().equals(e.source().name())).toList();
            PluginStore.Upload upload = id == null ? null : stored.get(id);
            return PluginView.of(e, id == null ? null : installed.get(id),
                    upload == null ? null : upload.uploadedAt(), running);
        }).toList();
    }

    /** Reads at most one byte more than allowed, so an oversized body is refused without holding it all. */
    private static byte[] read(InputStream body, long max) {
        try (InputStream in = body; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                total += n;
                if (total > max) {
                    throw new PluginRefusedException(413, "The jar is larger than " + max
                            + " bytes (switchboard.plugins.max-upload-bytes)");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

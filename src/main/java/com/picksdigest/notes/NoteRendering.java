package com.picksdigest.notes;

import com.picksdigest.digest.DigestModel;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.text.TextContentNodeRendererContext;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Markdown to the two forms a digest needs. Raw HTML in the note is shown as text (escaped), never passed through; a
 * link whose URL is not http(s) or mailto is shown as its text, not as a link, and such an image loses its source:
 * an editor's note cannot add script, styles or a javascript: link to a digest. Thread-safe (CommonMark's parser and
 * renderers are).
 */
public final class NoteRendering {
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.copyOf(SCHEMES)))
            .nodeRendererFactory(SafeLinks::new)
            .softbreak("<br>")
            .build();
    private final TextContentRenderer text =
            TextContentRenderer.builder().nodeRendererFactory(TextLinks::new).build();

    public DigestModel.NoteView render(String markdown) {
        Node doc = parser.parse(markdown);
        // block by block, so paragraphs stay apart by a blank line in the text part as they are in the HTML
        StringJoiner blocks = new StringJoiner("\n\n");
        for (Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            String b = text.render(block).strip();
            if (!b.isEmpty()) blocks.add(b);
        }
        return new DigestModel.NoteView(html.render(doc).strip(), blocks.toString());
    }

    static boolean allowed(String url) {
        try {
            String scheme = URI.create(url.strip()).getScheme();
            return scheme != null && SCHEMES.contains(scheme.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** In the text part, a link is its text followed by its URL in brackets, and by nothing when the URL is not allowed. */
    private static final class TextLinks implements NodeRenderer {
        private final TextContentNodeRendererContext context;

        TextLinks(TextContentNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class);
        }

        @Override
        public void render(Node node) {
            Link link = (Link) node;
            renderChildren(context::render, node);
            if (allowed(link.getDestination()))
                context.getWriter().write(" (" + link.getDestination().strip() + ")");
        }
    }

    private static void renderChildren(java.util.function.Consumer<Node> render, Node parent) {
        for (Node child = parent.getFirstChild(); child != null; ) {
            Node next = child.getNext();
            render.accept(child);
            child = next;
        }
    }

    /** Links with an allowed URL as anchors; any other link as its text alone. */
    private static final class SafeLinks implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter out;

        SafeLinks(HtmlNodeRendererContext context) {
            this.context = context;
            this.out = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Link.class);
        }

        @Override
        public void render(Node node) {
            Link link = (Link) node;
            boolean anchor = allowed(link.getDestination());
            if (anchor) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("href", context.encodeUrl(link.getDestination().strip()));
                if (link.getTitle() != null) attributes.put("title", link.getTitle());
                out.tag("a", context.extendAttributes(node, "a", attributes));
            }
            renderChildren(context::render, node);
            if (anchor) out.tag("/a");
        }
    }
}

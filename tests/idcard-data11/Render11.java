// Generator 11's renderer (tests/idcard-data11): draws Vietnamese ID-card faces with Java2D and composes
// each into a scene of its own. One JVM per set: reads one job per line on stdin (JSON), writes one answer
// per line on stdout ("ok\t<file>\t<width>\t<height>" or "err\t<reason>"). Deterministic: every random
// choice comes from java.util.Random seeded by the job. No resident data is printed, only file names.
import java.awt.*;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.List;
import javax.imageio.*;
import javax.imageio.stream.ImageOutputStream;

public class Render11 {
  // ------------------------------------------------------------------ a small JSON reader
  static final class Json {
    final String s; int i = 0;
    Json(String s) { this.s = s; }
    Object value() {
      ws();
      char c = s.charAt(i);
      if (c == '{') { i++; Map<String, Object> m = new LinkedHashMap<>(); ws(); if (s.charAt(i) == '}') { i++; return m; }
        while (true) { ws(); String k = str(); ws(); expect(':'); m.put(k, value()); ws(); if (s.charAt(i) == ',') { i++; continue; } expect('}'); return m; } }
      if (c == '[') { i++; List<Object> l = new ArrayList<>(); ws(); if (s.charAt(i) == ']') { i++; return l; }
        while (true) { l.add(value()); ws(); if (s.charAt(i) == ',') { i++; continue; } expect(']'); return l; } }
      if (c == '"') return str();
      if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
      if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
      if (s.startsWith("null", i)) { i += 4; return null; }
      int j = i; while (j < s.length() && "+-0123456789.eE".indexOf(s.charAt(j)) >= 0) j++;
      if (j == i) throw new IllegalArgumentException("bad JSON at " + i);
      double d = Double.parseDouble(s.substring(i, j)); i = j; return d;
    }
    void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }
    void expect(char c) { if (s.charAt(i) != c) throw new IllegalArgumentException("expected " + c + " at " + i); i++; }
    String str() {
      expect('"'); StringBuilder b = new StringBuilder();
      while (true) { char c = s.charAt(i++);
        if (c == '"') return b.toString();
        if (c == '\\') { char e = s.charAt(i++);
          switch (e) { case 'n': b.append('\n'); break; case 't': b.append('\t'); break; case 'r': b.append('\r'); break; case 'b': b.append('\b'); break; case 'f': b.append('\f'); break;
            case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break; default: b.append(e); }
        } else b.append(c); }
    }
  }
  @SuppressWarnings("unchecked") static Map<String, Object> obj(Object o) { return (Map<String, Object>) o; }
  @SuppressWarnings("unchecked") static List<Object> arr(Object o) { return (List<Object>) o; }
  static double num(Map<String, Object> m, String k, double d) { Object o = m.get(k); return o instanceof Double ? (Double) o : d; }
  static String str(Map<String, Object> m, String k, String d) { Object o = m.get(k); return o instanceof String ? (String) o : d; }

  // ------------------------------------------------------------------ fonts
  static final Map<String, Font> FONTS = new java.util.concurrent.ConcurrentHashMap<>();
  static synchronized Font font(String path) throws Exception {
    Font f = FONTS.get(path);
    if (f == null) { f = Font.createFont(Font.TRUETYPE_FONT, new File(path)); FONTS.put(path, f); }
    return f;
  }
  /** Refuses a string the font cannot draw: every code point is checked, none is left to a fallback font. */
  static void covers(Font f, String path, String text) {
    for (int k = 0; k < text.length(); ) { int cp = text.codePointAt(k);
      if (!Character.isWhitespace(cp) && !f.canDisplay(cp)) throw new IllegalArgumentException(String.format("font %s lacks U+%04X", new File(path).getName(), cp));
      k += Character.charCount(cp); }
  }

  static Color col(String hex, double a) {
    int v = Integer.parseInt(hex.substring(1), 16);
    return new Color((v >> 16) & 255, (v >> 8) & 255, v & 255, (int) Math.round(Math.max(0, Math.min(1, a)) * 255));
  }

  // ------------------------------------------------------------------ the card face
  static BufferedImage drawCard(Map<String, Object> card, double ppm, String aa) throws Exception {
    double wmm = num(card, "w", 85.6), hmm = num(card, "h", 53.98);
    int W = (int) Math.round(wmm * ppm), H = (int) Math.round(hmm * ppm);
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    boolean shapesAa = !aa.equals("off");
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, shapesAa ? RenderingHints.VALUE_ANTIALIAS_ON : RenderingHints.VALUE_ANTIALIAS_OFF);
    switch (aa) {
      case "off": g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF); break;
      case "lcd": g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_LCD_HRGB); break;
      case "frac": g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE); break;
      default: g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    // the card's rounded outline clips everything drawn on it
    double r = num(card, "radius", 3.18) * ppm;
    Shape outline = new RoundRectangle2D.Double(0, 0, W, H, 2 * r, 2 * r);
    g.setClip(outline);
    g.scale(ppm, ppm);
    for (Object o : arr(card.get("ops"))) drawOp(g, obj(o), ppm, aa);
    g.dispose();
    return img;
  }

  static void drawOp(Graphics2D g, Map<String, Object> op, double ppm, String aa) throws Exception {
    String kind = str(op, "op", "");
    double x = num(op, "x", 0), y = num(op, "y", 0), w = num(op, "w", 0), h = num(op, "h", 0);
    switch (kind) {
      case "bg": {
        g.setPaint(new GradientPaint((float) x, 0f, col(str(op, "c1", "#ffffff"), 1), (float) (x + num(op, "gw", 85.6)), (float) num(op, "gh", 54), col(str(op, "c2", "#ffffff"), 1)));
        g.fill(new Rectangle2D.Double(-1, -1, 90, 58));
        break;
      }
      case "guil": { // rosettes and waves of thin lines: the card's security print
        Random rnd = new Random((long) num(op, "seed", 1));
        g.setColor(col(str(op, "c", "#88aacc"), num(op, "a", 0.35)));
        g.setStroke(new BasicStroke((float) num(op, "lw", 0.06)));
        int n = (int) num(op, "n", 14);
        for (int k = 0; k < n; k++) {
          Path2D p = new Path2D.Double();
          double amp = 1.2 + rnd.nextDouble() * 2.6, per = 6 + rnd.nextDouble() * 10, ph = rnd.nextDouble() * 6.283, y0 = y + (h * k) / n;
          for (double xx = x; xx <= x + w; xx += 0.4) { double yy = y0 + amp * Math.sin(xx / per * 6.283 + ph) + 0.6 * Math.sin(xx / 2.3 + k);
            if (xx == x) p.moveTo(xx, yy); else p.lineTo(xx, yy); }
          g.draw(p);
        }
        double cx = num(op, "rx", x + w * 0.6), cy = num(op, "ry", y + h * 0.55), R = num(op, "rr", 14);
        for (int k = 0; k < 36; k++) {
          Path2D p = new Path2D.Double();
          for (int t = 0; t <= 360; t += 3) { double a = Math.toRadians(t), rr = R * (0.55 + 0.45 * Math.cos(7 * a + k * 0.17));
            double px = cx + rr * Math.cos(a + k * 0.0873), py = cy + rr * Math.sin(a + k * 0.0873);
            if (t == 0) p.moveTo(px, py); else p.lineTo(px, py); }
          g.draw(p);
        }
        break;
      }
      case "rect": {
        Shape s = num(op, "r", 0) > 0 ? new RoundRectangle2D.Double(x, y, w, h, 2 * num(op, "r", 0), 2 * num(op, "r", 0)) : new Rectangle2D.Double(x, y, w, h);
        g.setColor(col(str(op, "c", "#000000"), num(op, "a", 1)));
        if (num(op, "sw", 0) > 0) { g.setStroke(new BasicStroke((float) num(op, "sw", 0))); g.draw(s); } else g.fill(s);
        break;
      }
      case "ellipse": {
        g.setColor(col(str(op, "c", "#000000"), num(op, "a", 1)));
        Shape s = new Ellipse2D.Double(x, y, w, h);
        if (num(op, "sw", 0) > 0) { g.setStroke(new BasicStroke((float) num(op, "sw", 0))); g.draw(s); } else g.fill(s);
        break;
      }
      case "line": {
        g.setColor(col(str(op, "c", "#000000"), num(op, "a", 1)));
        g.setStroke(new BasicStroke((float) num(op, "sw", 0.15)));
        g.draw(new Line2D.Double(x, y, num(op, "x2", 0), num(op, "y2", 0)));
        break;
      }
      case "text": drawText(g, op, ppm); break;
      case "pair": { // a label, then its value after the label's measured width (both laid out at the real size)
        Map<String, Object> label = new HashMap<>(op); label.put("t", str(op, "lt", "")); label.put("f", str(op, "lf", "")); label.put("s", num(op, "ls", 1.75)); label.put("c", str(op, "lc", "#2a2a2a")); label.remove("maxW");
        double adv = drawText(g, label, ppm);
        Map<String, Object> value = new HashMap<>(op); value.put("x", x + adv + num(op, "gap", 1.0)); value.put("y", y + num(op, "dy", 0));
        if (num(op, "right", 0) > 0) value.put("maxW", Math.max(5, num(op, "right", 0) - x - adv - num(op, "gap", 1.0)));
        drawText(g, value, ppm);
        break;
      }
      case "qr": {
        int n = (int) num(op, "n", 21); String m = str(op, "m", ""); double s = num(op, "s", 14), cell = s / (n + 4);
        g.setColor(Color.WHITE);
        g.fill(new Rectangle2D.Double(x, y, s, s));
        g.setColor(col(str(op, "c", "#101010"), 1));
        // modules drawn as whole device pixels when anti-aliasing is off, as a cheap card printer does
        Object hint = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        for (int row = 0; row < n; row++) for (int c = 0; c < n; c++) if (m.charAt(row * n + c) == '1')
          g.fill(new Rectangle2D.Double(x + (c + 2) * cell, y + (row + 2) * cell, cell + 0.02, cell + 0.02));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, hint);
        break;
      }
      case "emblem": { // a round red seal with a yellow star and a ring: not the real emblem, a stand-in of its colours
        double rr = num(op, "r", 7);
        g.setColor(new Color(0xC8, 0x1E, 0x1E)); g.fill(new Ellipse2D.Double(x - rr, y - rr, 2 * rr, 2 * rr));
        g.setColor(new Color(0xE8, 0xB8, 0x2A)); g.setStroke(new BasicStroke((float) (rr * 0.09))); g.draw(new Ellipse2D.Double(x - rr * 0.86, y - rr * 0.86, 1.72 * rr, 1.72 * rr));
        Path2D star = new Path2D.Double();
        for (int k = 0; k < 10; k++) { double a = -Math.PI / 2 + k * Math.PI / 5, q = k % 2 == 0 ? rr * 0.5 : rr * 0.2;
          if (k == 0) star.moveTo(x + q * Math.cos(a), y - rr * 0.12 + q * Math.sin(a)); else star.lineTo(x + q * Math.cos(a), y - rr * 0.12 + q * Math.sin(a)); }
        star.closePath(); g.fill(star);
        g.fill(new Rectangle2D.Double(x - rr * 0.45, y + rr * 0.42, rr * 0.9, rr * 0.12));
        break;
      }
      case "photo": { // an invented portrait: backdrop, shoulders, head, hair
        Random rnd = new Random((long) num(op, "seed", 1));
        g.setColor(new Color(0xD8 + rnd.nextInt(20), 0xE4 + rnd.nextInt(20), 0xF0 + rnd.nextInt(15)));
        g.fill(new Rectangle2D.Double(x, y, w, h));
        Shape old = g.getClip(); g.clip(new Rectangle2D.Double(x, y, w, h));
        g.setColor(new Color(30 + rnd.nextInt(60), 30 + rnd.nextInt(50), 40 + rnd.nextInt(80)));
        g.fill(new Ellipse2D.Double(x - w * 0.1, y + h * 0.68, w * 1.2, h * 0.7));
        int skin = rnd.nextInt(40);
        g.setColor(new Color(0xE0 - skin, 0xB8 - skin, 0x98 - skin));
        g.fill(new Ellipse2D.Double(x + w * 0.27, y + h * 0.2, w * 0.46, h * 0.52));
        g.fill(new Rectangle2D.Double(x + w * 0.41, y + h * 0.62, w * 0.18, h * 0.12));
        g.setColor(new Color(20 + rnd.nextInt(30), 18 + rnd.nextInt(20), 15 + rnd.nextInt(20)));
        g.fill(new Arc2D.Double(x + w * 0.25, y + h * 0.14, w * 0.5, h * 0.36, 0, 180, Arc2D.CHORD));
        g.setClip(old);
        g.setColor(new Color(120, 120, 130)); g.setStroke(new BasicStroke(0.08f)); g.draw(new Rectangle2D.Double(x, y, w, h));
        break;
      }
      case "chip": {
        g.setPaint(new GradientPaint((float) x, (float) y, new Color(0xE9, 0xCF, 0x8A), (float) (x + w), (float) (y + h), new Color(0xB8, 0x92, 0x45)));
        g.fill(new RoundRectangle2D.Double(x, y, w, h, 1.6, 1.6));
        g.setColor(new Color(0x8A, 0x6A, 0x2A)); g.setStroke(new BasicStroke(0.12f));
        g.draw(new Line2D.Double(x, y + h / 3, x + w, y + h / 3)); g.draw(new Line2D.Double(x, y + 2 * h / 3, x + w, y + 2 * h / 3));
        g.draw(new Line2D.Double(x + w / 2, y, x + w / 2, y + h)); g.draw(new RoundRectangle2D.Double(x + w * 0.3, y + h * 0.25, w * 0.4, h * 0.5, 0.8, 0.8));
        break;
      }
      case "finger": { // a fingerprint as concentric, broken ridges
        Random rnd = new Random((long) num(op, "seed", 1));
        g.setColor(new Color(0x50, 0x50, 0x58, 200)); g.setStroke(new BasicStroke(0.13f));
        double cx = x + w / 2, cy = y + h * 0.55;
        for (int k = 1; k < 16; k++) { double rx = k * w / 34, ry = k * h / 30;
          double start = rnd.nextDouble() * 40, ext = 300 - rnd.nextDouble() * 60;
          g.draw(new Arc2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry, start, ext, Arc2D.OPEN)); }
        break;
      }
      case "sign": { // an invented signature and a round red stamp behind it
        Random rnd = new Random((long) num(op, "seed", 1));
        g.setColor(new Color(0xD0, 0x30, 0x30, 150)); g.setStroke(new BasicStroke(0.25f));
        double sr = h * 0.48; g.draw(new Ellipse2D.Double(x, y + h / 2 - sr, 2 * sr, 2 * sr)); g.draw(new Ellipse2D.Double(x + sr * 0.25, y + h / 2 - sr * 0.75, 1.5 * sr, 1.5 * sr));
        g.setColor(new Color(0x20, 0x30, 0x80)); g.setStroke(new BasicStroke(0.22f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D p = new Path2D.Double(); p.moveTo(x + sr, y + h * 0.6);
        for (int k = 0; k < 5; k++) p.curveTo(x + sr + rnd.nextDouble() * w * 0.6, y + rnd.nextDouble() * h, x + sr + rnd.nextDouble() * w * 0.6, y + rnd.nextDouble() * h, x + sr + (k + 1) * w * 0.12, y + h * (0.3 + rnd.nextDouble() * 0.4));
        g.draw(p);
        break;
      }
      default: throw new IllegalArgumentException("unknown op " + kind);
    }
  }

  /** Draws one string; returns its advance in millimetres as drawn. */
  static double drawText(Graphics2D g, Map<String, Object> op, double ppm) throws Exception {
    String t = str(op, "t", ""), path = str(op, "f", "");
    if (t.isEmpty()) return 0;
    Font base = font(path);
    covers(base, path, t);
    double sizeMm = num(op, "s", 2.5);
    // glyphs laid out in device pixels (the hints act at the real size), then drawn in card millimetres
    Font f = base.deriveFont((float) (sizeMm * ppm));
    FontRenderContext frc = new FontRenderContext(null, g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING) != RenderingHints.VALUE_TEXT_ANTIALIAS_OFF,
        g.getRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS) == RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    double adv = new TextLayout(t, f, frc).getAdvance() / ppm;
    double sx = 1;
    if (num(op, "fitW", 0) > 0) sx = num(op, "fitW", 0) / adv;
    else if (num(op, "maxW", 0) > 0 && adv > num(op, "maxW", 0)) sx = num(op, "maxW", 0) / adv;
    double x = num(op, "x", 0), y = num(op, "y", 0);
    String anchor = str(op, "anchor", "l");
    if (anchor.equals("c")) x -= adv * sx / 2; else if (anchor.equals("r")) x -= adv * sx;
    AffineTransform keep = g.getTransform();
    g.setTransform(new AffineTransform());
    g.translate(x * ppm, y * ppm);
    g.scale(sx, 1);
    g.setFont(f);
    g.setColor(col(str(op, "c", "#111111"), num(op, "a", 1)));
    g.drawString(t, 0, 0);
    g.setTransform(keep);
    return adv * sx;
  }

  // ------------------------------------------------------------------ pixels
  static int clamp(double v) { return v < 0 ? 0 : v > 255 ? 255 : (int) (v + 0.5); }

  /** Square [0,1]² → quad (Heckbert's projective mapping), as a 3×3 row-major matrix. */
  static double[] squareToQuad(double[] q) {
    double x0 = q[0], y0 = q[1], x1 = q[2], y1 = q[3], x2 = q[4], y2 = q[5], x3 = q[6], y3 = q[7];
    double sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
    double a, b, c, d, e, f, gg, hh;
    if (Math.abs(sx) < 1e-9 && Math.abs(sy) < 1e-9) { a = x1 - x0; b = x2 - x1; c = x0; d = y1 - y0; e = y2 - y1; f = y0; gg = 0; hh = 0; }
    else { double dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2, den = dx1 * dy2 - dx2 * dy1;
      gg = (sx * dy2 - dx2 * sy) / den; hh = (dx1 * sy - sx * dy1) / den;
      a = x1 - x0 + gg * x1; b = x3 - x0 + hh * x3; c = x0; d = y1 - y0 + gg * y1; e = y3 - y0 + hh * y3; f = y0; }
    return new double[] { a, b, c, d, e, f, gg, hh, 1 };
  }
  static double[] inv3(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
    double A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g, det = a * A + b * B + c * C;
    return new double[] { A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det };
  }

  /** Draws the card (ARGB) into dst so that its corners land on quad (TL, TR, BR, BL), sampling bilinearly. */
  static void warp(BufferedImage card, BufferedImage dst, double[] quad) {
    int cw = card.getWidth(), ch = card.getHeight();
    // quad order for squareToQuad: (0,0)->TL, (1,0)->TR, (1,1)->BR, (0,1)->BL
    double[] hq = squareToQuad(quad), inv = inv3(hq);
    double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
    for (int k = 0; k < 4; k++) { minX = Math.min(minX, quad[2 * k]); maxX = Math.max(maxX, quad[2 * k]); minY = Math.min(minY, quad[2 * k + 1]); maxY = Math.max(maxY, quad[2 * k + 1]); }
    int x0 = Math.max(0, (int) Math.floor(minX)), x1 = Math.min(dst.getWidth() - 1, (int) Math.ceil(maxX));
    int y0 = Math.max(0, (int) Math.floor(minY)), y1 = Math.min(dst.getHeight() - 1, (int) Math.ceil(maxY));
    int[] src = card.getRGB(0, 0, cw, ch, null, 0, cw);
    if (x1 < x0 || y1 < y0) return;
    int bw = x1 - x0 + 1, bh = y1 - y0 + 1; int[] box = dst.getRGB(x0, y0, bw, bh, null, 0, bw);
    for (int py = y0; py <= y1; py++) for (int px = x0; px <= x1; px++) {
      double X = px + 0.5, Y = py + 0.5, wz = inv[6] * X + inv[7] * Y + inv[8];
      double u = (inv[0] * X + inv[1] * Y + inv[2]) / wz * cw - 0.5, v = (inv[3] * X + inv[4] * Y + inv[5]) / wz * ch - 0.5;
      if (u < -1 || v < -1 || u > cw || v > ch) continue;
      int iu = (int) Math.floor(u), iv = (int) Math.floor(v); double fu = u - iu, fv = v - iv;
      double ra = 0, rr = 0, rg = 0, rb = 0;
      for (int k = 0; k < 4; k++) { int sx = iu + (k & 1), sy = iv + (k >> 1); double wgt = ((k & 1) == 1 ? fu : 1 - fu) * ((k >> 1) == 1 ? fv : 1 - fv);
        if (sx < 0 || sy < 0 || sx >= cw || sy >= ch) continue; int p = src[sy * cw + sx]; double al = ((p >>> 24) & 255) / 255.0 * wgt;
        ra += al; rr += ((p >> 16) & 255) * al; rg += ((p >> 8) & 255) * al; rb += (p & 255) * al; }
      if (ra <= 0.001) continue;
      int d = box[(py - y0) * bw + px - x0]; double a = Math.min(1, ra);
      int r = clamp(rr / ra * a + ((d >> 16) & 255) * (1 - a)), gch = clamp(rg / ra * a + ((d >> 8) & 255) * (1 - a)), b = clamp(rb / ra * a + (d & 255) * (1 - a));
      box[(py - y0) * bw + px - x0] = 0xFF000000 | (r << 16) | (gch << 8) | b;
    }
    dst.setRGB(x0, y0, bw, bh, box, 0, bw);
  }

  /** A card-shaped quad: centre, size in px, turn in degrees, and a perspective squeeze of the far edge (0 = none). */
  static double[] quadOf(double cx, double cy, double w, double h, double deg, double squeeze) {
    double[] p = { -w / 2 * (1 - squeeze), -h / 2, w / 2 * (1 - squeeze), -h / 2, w / 2, h / 2, -w / 2, h / 2 };
    double a = Math.toRadians(deg), c = Math.cos(a), s = Math.sin(a); double[] q = new double[8];
    for (int k = 0; k < 4; k++) { q[2 * k] = cx + p[2 * k] * c - p[2 * k + 1] * s; q[2 * k + 1] = cy + p[2 * k] * s + p[2 * k + 1] * c; }
    return q;
  }

  /** A soft shadow under the card: the quad, offset, blurred twice, darkening what lies under it (only its box is touched). */
  static void shadow(BufferedImage dst, double[] quad, double dx, double dy, int blur, double strength) {
    int pad = 3 * blur + 2; double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
    for (int k = 0; k < 4; k++) { minX = Math.min(minX, quad[2 * k] + dx); maxX = Math.max(maxX, quad[2 * k] + dx); minY = Math.min(minY, quad[2 * k + 1] + dy); maxY = Math.max(maxY, quad[2 * k + 1] + dy); }
    int x0 = Math.max(0, (int) minX - pad), y0 = Math.max(0, (int) minY - pad), x1 = Math.min(dst.getWidth(), (int) maxX + pad), y1 = Math.min(dst.getHeight(), (int) maxY + pad);
    int W = x1 - x0, H = y1 - y0; if (W <= 0 || H <= 0) return;
    BufferedImage m = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = m.createGraphics(); g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Path2D p = new Path2D.Double(); p.moveTo(quad[0] + dx - x0, quad[1] + dy - y0); for (int k = 1; k < 4; k++) p.lineTo(quad[2 * k] + dx - x0, quad[2 * k + 1] + dy - y0); p.closePath();
    g.setColor(Color.WHITE); g.fill(p); g.dispose();
    float[] a = new float[W * H];
    byte[] raw = ((java.awt.image.DataBufferByte) m.getRaster().getDataBuffer()).getData();
    for (int k = 0; k < a.length; k++) a[k] = (raw[k] & 255) / 255f;
    boxBlur(a, W, H, blur); boxBlur(a, W, H, blur);
    int[] px = dst.getRGB(x0, y0, W, H, null, 0, W);
    for (int k = 0; k < px.length; k++) { double f = 1 - a[k] * strength; int p0 = px[k];
      px[k] = 0xFF000000 | (clamp(((p0 >> 16) & 255) * f) << 16) | (clamp(((p0 >> 8) & 255) * f) << 8) | clamp((p0 & 255) * f); }
    dst.setRGB(x0, y0, W, H, px, 0, W);
  }

  static void boxBlur(float[] a, int W, int H, int r) {
    if (r <= 0) return; float[] t = new float[a.length];
    for (int y = 0; y < H; y++) { double s = 0; int n = 0;
      for (int x = -r; x < W; x++) { if (x + r < W) { s += a[y * W + x + r]; n++; } if (x - r - 1 >= 0) { s -= a[y * W + x - r - 1]; n--; } if (x >= 0) t[y * W + x] = (float) (s / n); } }
    for (int x = 0; x < W; x++) { double s = 0; int n = 0;
      for (int y = -r; y < H; y++) { if (y + r < H) { s += t[(y + r) * W + x]; n++; } if (y - r - 1 >= 0) { s -= t[(y - r - 1) * W + x]; n--; } if (y >= 0) a[y * W + x] = (float) (s / n); } }
  }
  /** Blurs each channel of an RGB image in place. */
  static void blurRgb(BufferedImage im, int r) {
    int W = im.getWidth(), H = im.getHeight(); int[] px = im.getRGB(0, 0, W, H, null, 0, W);
    float[][] c = new float[3][px.length];
    for (int k = 0; k < px.length; k++) { c[0][k] = (px[k] >> 16) & 255; c[1][k] = (px[k] >> 8) & 255; c[2][k] = px[k] & 255; }
    for (float[] ch : c) boxBlur(ch, W, H, r);
    for (int k = 0; k < px.length; k++) px[k] = 0xFF000000 | (clamp(c[0][k]) << 16) | (clamp(c[1][k]) << 8) | clamp(c[2][k]);
    im.setRGB(0, 0, W, H, px, 0, W);
  }

  interface PixelFn { int apply(int x, int y, int r, int g, int b, int[] out); }
  static void each(BufferedImage im, PixelFn fn) {
    int W = im.getWidth(), H = im.getHeight(); int[] px = im.getRGB(0, 0, W, H, null, 0, W); int[] o = new int[3];
    for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) { int p = px[y * W + x]; fn.apply(x, y, (p >> 16) & 255, (p >> 8) & 255, p & 255, o);
      px[y * W + x] = 0xFF000000 | (clamp(o[0]) << 16) | (clamp(o[1]) << 8) | clamp(o[2]); }
    im.setRGB(0, 0, W, H, px, 0, W);
  }
  /** Sensor noise: Gaussian samples drawn from a table (filled from the job's generator), luma and a little chroma. */
  static void noise(BufferedImage im, Random rnd, double sigma) {
    float[] gt = new float[1 << 14]; for (int k = 0; k < gt.length; k++) gt[k] = (float) rnd.nextGaussian();
    int W = im.getWidth(), H = im.getHeight(); int[] px = im.getRGB(0, 0, W, H, null, 0, W); int m = gt.length - 1; int s = rnd.nextInt();
    for (int k = 0; k < px.length; k++) { s = s * 1103515245 + 12345; double n = gt[(s >>> 8) & m] * sigma, cr = gt[(s >>> 3) & m] * sigma * 0.4, cb = gt[(s >>> 17) & m] * sigma * 0.5; int p = px[k];
      px[k] = 0xFF000000 | (clamp(((p >> 16) & 255) + n + cr) << 16) | (clamp(((p >> 8) & 255) + n) << 8) | clamp((p & 255) + n + cb); }
    im.setRGB(0, 0, W, H, px, 0, W);
  }
  /** A phone's over-sharpening: unsharp mask with a wide radius, leaving light and dark halos along edges. */
  static void oversharpen(BufferedImage im, int radius, double amount) {
    int W = im.getWidth(), H = im.getHeight(); BufferedImage bl = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    bl.getGraphics().drawImage(im, 0, 0, null); blurRgb(bl, radius);
    int[] a = im.getRGB(0, 0, W, H, null, 0, W), b = bl.getRGB(0, 0, W, H, null, 0, W);
    for (int k = 0; k < a.length; k++) { int p = a[k], q = b[k]; int r = clamp(((p >> 16) & 255) + amount * (((p >> 16) & 255) - ((q >> 16) & 255)));
      int g = clamp(((p >> 8) & 255) + amount * (((p >> 8) & 255) - ((q >> 8) & 255))), bb = clamp((p & 255) + amount * ((p & 255) - (q & 255)));
      a[k] = 0xFF000000 | (r << 16) | (g << 8) | bb; }
    im.setRGB(0, 0, W, H, a, 0, W);
  }
  /** 4:2:0 chroma: luma kept per pixel, Cb/Cr averaged over 2×2 blocks (BT.601). */
  static void chroma420(BufferedImage im) {
    int W = im.getWidth(), H = im.getHeight(); int[] px = im.getRGB(0, 0, W, H, null, 0, W);
    for (int y = 0; y < H - 1; y += 2) for (int x = 0; x < W - 1; x += 2) {
      double cb = 0, cr = 0; double[] yy = new double[4];
      for (int k = 0; k < 4; k++) { int p = px[(y + (k >> 1)) * W + x + (k & 1)]; int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
        yy[k] = 0.299 * r + 0.587 * g + 0.114 * b; cb += -0.168736 * r - 0.331264 * g + 0.5 * b; cr += 0.5 * r - 0.418688 * g - 0.081312 * b; }
      cb /= 4; cr /= 4;
      for (int k = 0; k < 4; k++) { double Y = yy[k];
        px[(y + (k >> 1)) * W + x + (k & 1)] = 0xFF000000 | (clamp(Y + 1.402 * cr) << 16) | (clamp(Y - 0.344136 * cb - 0.714136 * cr) << 8) | clamp(Y + 1.772 * cb); }
    }
    im.setRGB(0, 0, W, H, px, 0, W);
  }

  // ------------------------------------------------------------------ scenes
  static BufferedImage canvas(int W, int H, Color c) {
    BufferedImage im = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = im.createGraphics(); g.setColor(c); g.fillRect(0, 0, W, H); g.dispose(); return im;
  }
  static Graphics2D aaG(BufferedImage im) { Graphics2D g = im.createGraphics(); g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON); return g; }

  /** Punches the card's clipped corner and/or lanyard hole (transparent) before it is placed. */
  static void cutCard(BufferedImage card, Map<String, Object> sc, double ppm) {
    Graphics2D g = card.createGraphics(); g.setComposite(AlphaComposite.Clear); g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    double cut = num(sc, "cornerMm", 0) * ppm; int W = card.getWidth(), H = card.getHeight();
    if (cut > 0) { Path2D p = new Path2D.Double(); String corner = str(sc, "corner", "tl");
      double cx = corner.endsWith("l") ? 0 : W, cy = corner.startsWith("t") ? 0 : H, sx = corner.endsWith("l") ? 1 : -1, sy = corner.startsWith("t") ? 1 : -1;
      p.moveTo(cx - sx, cy - sy); p.lineTo(cx + sx * cut, cy - sy); p.lineTo(cx - sx, cy + sy * cut); p.closePath(); g.fill(p); }
    double hr = num(sc, "holeMm", 0) * ppm;
    if (hr > 0) { double hx = num(sc, "holeX", 4) * ppm, hy = num(sc, "holeY", 27) * ppm; g.fill(new Ellipse2D.Double(hx - hr, hy - hr, 2 * hr, 2 * hr)); }
    g.dispose();
  }

  static BufferedImage scene(BufferedImage card, Map<String, Object> sc, double ppm) {
    String kind = str(sc, "kind", "plain");
    Random rnd = new Random((long) num(sc, "seed", 1));
    int cw = card.getWidth(), ch = card.getHeight();
    switch (kind) {
      case "turned": { // a card turned 15–40° in the plane of the picture, on a pale laminate desk
        double deg = num(sc, "deg", 25); int W = (int) (cw * 1.55), H = (int) (cw * 1.25);
        BufferedImage im = canvas(W, H, new Color(0xDA, 0xD4, 0xC8));
        Graphics2D g = aaG(im); for (int k = 0; k < 40; k++) { g.setColor(new Color(0xC8 + rnd.nextInt(20), 0xC2 + rnd.nextInt(18), 0xB4 + rnd.nextInt(16), 60)); g.fillRect(0, rnd.nextInt(H), W, 1 + rnd.nextInt(3)); } g.dispose();
        double[] q = quadOf(W / 2.0 + rnd.nextInt(cw / 10) - cw / 20.0, H / 2.0, cw, ch, deg, num(sc, "squeeze", 0.02));
        shadow(im, q, cw * 0.012, cw * 0.018, Math.max(2, cw / 90), 0.35); warp(card, im, q); noise(im, rnd, 2.5); return im;
      }
      case "backlit": { // a window behind the card: bright, blown-out background, the card under-exposed with a haze
        int W = (int) (cw * 1.4), H = (int) (ch * 1.6);
        BufferedImage im = canvas(W, H, new Color(0xF4, 0xF6, 0xF8));
        Graphics2D g = aaG(im); g.setColor(new Color(0x6A, 0x64, 0x5C)); int bar = Math.max(6, W / 60);
        g.fillRect(0, (int) (H * (0.2 + rnd.nextDouble() * 0.15)), W, bar); g.fillRect((int) (W * (0.3 + rnd.nextDouble() * 0.4)), 0, bar, H);
        g.setColor(new Color(0x9C, 0xB4, 0x8C, 90)); g.fillOval(-W / 4, H * 2 / 3, W, H); g.dispose();
        double[] q = quadOf(W / 2.0, H / 2.0 + rnd.nextInt(ch / 8), cw, ch, num(sc, "deg", 3), 0.03);
        BufferedImage dark = darken(card, num(sc, "exposure", 0.55));
        warp(dark, im, q);
        BufferedImage bloom = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB); bloom.getGraphics().drawImage(im, 0, 0, null); blurRgb(bloom, Math.max(4, W / 40));
        int[] a = im.getRGB(0, 0, W, H, null, 0, W), b = bloom.getRGB(0, 0, W, H, null, 0, W); double veil = num(sc, "veil", 0.25);
        for (int k = 0; k < a.length; k++) { int p = a[k], s = b[k]; int[] c = { (p >> 16) & 255, (p >> 8) & 255, p & 255 }, t = { (s >> 16) & 255, (s >> 8) & 255, s & 255 };
          for (int j = 0; j < 3; j++) { double hl = Math.max(0, t[j] - 150) / 105.0; c[j] = clamp(c[j] + (255 - c[j]) * hl * veil * 1.4 + 18 * veil); }
          a[k] = 0xFF000000 | (c[0] << 16) | (c[1] << 8) | c[2]; }
        im.setRGB(0, 0, W, H, a, 0, W); noise(im, rnd, 4); return im;
      }
      case "droplets": { // water droplets on the laminate: each a small lens with a dark rim and a highlight
        int W = (int) (cw * 1.2), H = (int) (ch * 1.3);
        BufferedImage im = canvas(W, H, new Color(0x55, 0x5E, 0x66));
        double[] q = quadOf(W / 2.0, H / 2.0, cw, ch, num(sc, "deg", -2), 0.01); warp(card, im, q);
        int n = 6 + rnd.nextInt(12); int[] src = im.getRGB(0, 0, W, H, null, 0, W), out = src.clone();
        for (int k = 0; k < n; k++) {
          double cx = q[0] + rnd.nextDouble() * (q[2] - q[0]), cy = q[1] + rnd.nextDouble() * (q[7] - q[1]), R = ppm * (0.8 + rnd.nextDouble() * 2.2);
          for (int y = (int) (cy - R); y <= cy + R; y++) for (int x = (int) (cx - R); x <= cx + R; x++) {
            if (x < 0 || y < 0 || x >= W || y >= H) continue; double dx = x - cx, dy = y - cy, d = Math.sqrt(dx * dx + dy * dy) / R; if (d > 1) continue;
            double mag = 0.55 + 0.45 * d * d; int sx = (int) Math.round(cx + dx * mag), sy = (int) Math.round(cy + dy * mag);
            sx = Math.max(0, Math.min(W - 1, sx)); sy = Math.max(0, Math.min(H - 1, sy)); int p = src[sy * W + sx];
            double shade = d > 0.82 ? 0.72 : 1.0; double hl = Math.exp(-(((dx / R) + 0.35) * ((dx / R) + 0.35) + ((dy / R) + 0.35) * ((dy / R) + 0.35)) / 0.012) * 200;
            out[y * W + x] = 0xFF000000 | (clamp(((p >> 16) & 255) * shade + hl) << 16) | (clamp(((p >> 8) & 255) * shade + hl) << 8) | clamp((p & 255) * shade + hl); }
        }
        im.setRGB(0, 0, W, H, out, 0, W); noise(im, rnd, 2); return im;
      }
      case "acrylic": { // the kiosk's acrylic window over the card: the room (ceiling lights, a person) reflected faintly
        int W = (int) (cw * 1.3), H = (int) (ch * 1.35);
        BufferedImage im = canvas(W, H, new Color(0x2A, 0x2C, 0x30));
        double[] q = quadOf(W / 2.0, H / 2.0, cw, ch, num(sc, "deg", 1), 0.0); warp(card, im, q);
        BufferedImage room = canvas(W, H, new Color(0x50, 0x50, 0x58)); Graphics2D g = aaG(room);
        for (int k = 0; k < 3; k++) { g.setColor(new Color(255, 250, 235)); g.fillRect(rnd.nextInt(W), rnd.nextInt(H / 3), W / 5 + rnd.nextInt(W / 5), H / 16); }
        g.setColor(new Color(0x20, 0x20, 0x24)); int px = W / 4 + rnd.nextInt(W / 2); g.fillOval(px, H / 3, W / 6, W / 6); g.fillRoundRect(px - W / 12, H / 3 + W / 7, W / 3, H, W / 10, W / 10);
        g.setColor(new Color(0xA0, 0xB0, 0xC0)); g.fillRect(0, H - H / 6, W, H / 6); g.dispose();
        blurRgb(room, Math.max(3, W / 70)); double s = num(sc, "strength", 0.2);
        int[] a = im.getRGB(0, 0, W, H, null, 0, W), b = room.getRGB(0, 0, W, H, null, 0, W);
        for (int k = 0; k < a.length; k++) { int p = a[k], r = b[k]; // screen blend
          int rr = clamp(255 - (255 - ((p >> 16) & 255)) * (255 - ((r >> 16) & 255) * s) / 255.0), gg = clamp(255 - (255 - ((p >> 8) & 255)) * (255 - ((r >> 8) & 255) * s) / 255.0), bb = clamp(255 - (255 - (p & 255)) * (255 - (r & 255) * s) / 255.0);
          a[k] = 0xFF000000 | (rr << 16) | (gg << 8) | bb; }
        im.setRGB(0, 0, W, H, a, 0, W); noise(im, rnd, 2); return im;
      }
      case "sharpened": { // a phone's over-sharpening (halos) and 4:2:0 chroma, on a grey cloth
        int W = (int) (cw * 1.35), H = (int) (ch * 1.45);
        BufferedImage im = canvas(W, H, new Color(0x8E, 0x92, 0x96)); noise(im, rnd, 9); blurRgb(im, 2);
        double[] q = quadOf(W / 2.0, H / 2.0, cw, ch, num(sc, "deg", 4), 0.04); shadow(im, q, 4, 6, 5, 0.3); warp(card, im, q);
        blurRgb(im, 1); oversharpen(im, Math.max(2, cw / 300), num(sc, "amount", 2.0)); chroma420(im); return im;
      }
      case "clipped": { // an old card: a corner clipped and/or a lanyard hole punched, on a white sheet
        cutCard(card, sc, ppm);
        int W = (int) (cw * 1.3), H = (int) (ch * 1.4);
        BufferedImage im = canvas(W, H, new Color(0xF2, 0xF1, 0xEC));
        double[] q = quadOf(W / 2.0, H / 2.0, cw, ch, num(sc, "deg", -5), 0.02); shadow(im, q, 3, 5, 6, 0.25); warp(card, im, q); noise(im, rnd, 2.5); return im;
      }
      case "tiles": { // a patterned tiled floor behind, the card seen a little from the side
        int W = (int) (cw * 1.6), H = (int) (ch * 1.9);
        BufferedImage im = canvas(W, H, new Color(0xD8, 0xCF, 0xC0)); Graphics2D g = aaG(im); int t = Math.max(40, W / 6);
        for (int ty = -1; ty * t < H + t; ty++) for (int tx = -1; tx * t < W + t; tx++) {
          int ox = tx * t, oy = ty * t; g.setColor((tx + ty) % 2 == 0 ? new Color(0xB8, 0x5A, 0x3C) : new Color(0xE6, 0xDE, 0xCC)); g.fillRect(ox, oy, t, t);
          g.setColor(new Color(0x2E, 0x4E, 0x6E)); Path2D d = new Path2D.Double(); d.moveTo(ox + t / 2.0, oy + t * 0.15); d.lineTo(ox + t * 0.85, oy + t / 2.0); d.lineTo(ox + t / 2.0, oy + t * 0.85); d.lineTo(ox + t * 0.15, oy + t / 2.0); d.closePath(); g.fill(d);
          g.setColor(new Color(0xF0, 0xE6, 0xC8)); g.fillOval(ox + t * 2 / 5, oy + t * 2 / 5, t / 5, t / 5);
          g.setColor(new Color(0x9A, 0x94, 0x8A)); g.fillRect(ox, oy, t, 3); g.fillRect(ox, oy, 3, t); }
        g.dispose();
        double[] q = quadOf(W / 2.0, H / 2.0, cw, ch, num(sc, "deg", 8), num(sc, "squeeze", 0.08)); shadow(im, q, 6, 9, 8, 0.45); warp(card, im, q); noise(im, rnd, 3.5); return im;
      }
      case "yellowed": { // a yellowed, aged laminate: blue absorbed, contrast lowered, mottled, scuffed
        BufferedImage old = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_ARGB);
        int[] p = card.getRGB(0, 0, cw, ch, null, 0, cw); double age = num(sc, "age", 0.6);
        float[] mot = new float[cw * ch]; for (int k = 0; k < mot.length; k++) mot[k] = (float) rnd.nextGaussian(); boxBlur(mot, cw, ch, Math.max(6, cw / 40)); boxBlur(mot, cw, ch, Math.max(6, cw / 40));
        for (int k = 0; k < p.length; k++) { int a = p[k] >>> 24; double r = (p[k] >> 16) & 255, gch = (p[k] >> 8) & 255, b = p[k] & 255; double m = 1 + mot[k] * 6 * age;
          r = (r * (1 - 0.12 * age) + 30 * age) * m; gch = (gch * (1 - 0.16 * age) + 22 * age) * m; b = (b * (1 - 0.42 * age) + 8 * age) * m;
          p[k] = (a << 24) | (clamp(r) << 16) | (clamp(gch) << 8) | clamp(b); }
        old.setRGB(0, 0, cw, ch, p, 0, cw);
        Graphics2D g = aaG(old); g.setComposite(AlphaComposite.SrcAtop); g.setStroke(new BasicStroke(1.2f));
        for (int k = 0; k < 25; k++) { g.setColor(new Color(255, 252, 240, 70)); int x = rnd.nextInt(cw), y = rnd.nextInt(ch); g.drawLine(x, y, x + rnd.nextInt(cw / 4) - cw / 8, y + rnd.nextInt(ch / 8) - ch / 16); }
        g.dispose();
        int W = (int) (cw * 1.25), H = (int) (ch * 1.35); BufferedImage im = canvas(W, H, new Color(0x3E, 0x36, 0x30));
        double[] q = quadOf(W / 2.0, H / 2.0, cw, ch, num(sc, "deg", 2), 0.01); warp(old, im, q); noise(im, rnd, 3); return im;
      }
      case "autocrop": { // a document scanner's auto-crop: the card fills the frame, a few per cent cut off one edge
        double cut = num(sc, "cut", 0.04); String edge = str(sc, "edge", "right");
        int x0 = 0, y0 = 0, W = cw, H = ch;
        if (edge.equals("right")) W = (int) (cw * (1 - cut)); else if (edge.equals("left")) { x0 = (int) (cw * cut); W = cw - x0; }
        else if (edge.equals("top")) { y0 = (int) (ch * cut); H = ch - y0; } else H = (int) (ch * (1 - cut));
        BufferedImage im = canvas(W, H, new Color(0xFA, 0xFA, 0xFA)); Graphics2D g = im.createGraphics(); g.drawImage(card, -x0, -y0, null); g.dispose();
        noise(im, rnd, 1.5); return im;
      }
      case "bluehour": { // mixed light: blue dusk from a window on one side, a warm lamp on the other
        int W = (int) (cw * 1.4), H = (int) (ch * 1.5);
        BufferedImage im = canvas(W, H, new Color(0x6E, 0x6A, 0x66)); double[] q = quadOf(W / 2.0, H / 2.0, cw, ch, num(sc, "deg", -6), 0.03); shadow(im, q, -5, 6, 7, 0.3); warp(card, im, q);
        boolean blueLeft = rnd.nextBoolean(); double dim = num(sc, "dim", 0.7);
        each(im, (x, y, r, g, b, o) -> { double t = (double) x / W; if (!blueLeft) t = 1 - t; double cool = 1 - t, warm = t;
          o[0] = (int) (r * dim * (0.72 * cool + 1.12 * warm)); o[1] = (int) (g * dim * (0.86 * cool + 0.92 * warm)); o[2] = (int) (b * dim * (1.18 * cool + 0.58 * warm)); return 0; });
        noise(im, rnd, 6); return im;
      }
      case "cover": { // the card on a dark-blue passport-style cover, gold border tooled on it
        int W = (int) (cw * 1.45), H = (int) (ch * 1.8);
        BufferedImage im = canvas(W, H, new Color(0x1C, 0x2A, 0x4A)); noise(im, rnd, 7); blurRgb(im, 1);
        Graphics2D g = aaG(im); g.setColor(new Color(0xB8, 0x9A, 0x4E)); g.setStroke(new BasicStroke(Math.max(2f, W / 250f)));
        g.drawRect(W / 20, H / 20, W - W / 10, H - H / 10); g.drawOval(W / 2 - W / 10, H - H / 4, W / 5, W / 5); g.dispose();
        double[] q = quadOf(W / 2.0, H * 0.45, cw, ch, num(sc, "deg", -3), 0.02); shadow(im, q, 4, 7, 6, 0.5); warp(card, im, q); noise(im, rnd, 3); return im;
      }
      case "armlength": { // a 12 MP photo taken at arm's length: the card small on a grey counter
        int W = 4000, H = 3000; BufferedImage im = canvas(W, H, new Color(0x9E, 0xA2, 0xA0));
        Graphics2D g = aaG(im); g.setColor(new Color(0xF4, 0xF4, 0xF0)); g.rotate(0.1, W * 0.2, H * 0.7); g.fillRect(W / 20, H / 2, W / 3, H / 2); g.setTransform(new AffineTransform());
        g.setColor(new Color(0x30, 0x32, 0x36)); g.fillRoundRect(W * 2 / 3, H / 10, W / 4, H / 6, 40, 40); g.dispose();
        double scale = num(sc, "cardW", 1500) / cw; double[] q = quadOf(W * (0.4 + rnd.nextDouble() * 0.2), H * (0.4 + rnd.nextDouble() * 0.2), cw * scale, ch * scale, num(sc, "deg", 6), 0.03);
        shadow(im, q, 10, 14, 12, 0.3);
        BufferedImage big = card;
        if (scale > 1.05) { big = new BufferedImage((int) (cw * scale), (int) (ch * scale), BufferedImage.TYPE_INT_ARGB); Graphics2D bg = big.createGraphics();
          bg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC); bg.drawImage(card, 0, 0, big.getWidth(), big.getHeight(), null); bg.dispose(); }
        warp(big, im, q); noise(im, rnd, 4); return im;
      }
      default: { // plain: the card on a mid-grey board, straight
        int W = (int) (cw * 1.2), H = (int) (ch * 1.3); BufferedImage im = canvas(W, H, new Color(0x80, 0x84, 0x88));
        warp(card, im, quadOf(W / 2.0, H / 2.0, cw, ch, 0, 0)); return im;
      }
    }
  }
  static BufferedImage darken(BufferedImage card, double f) {
    BufferedImage d = new BufferedImage(card.getWidth(), card.getHeight(), BufferedImage.TYPE_INT_ARGB);
    int[] p = card.getRGB(0, 0, card.getWidth(), card.getHeight(), null, 0, card.getWidth());
    for (int k = 0; k < p.length; k++) { int a = p[k] >>> 24; p[k] = (a << 24) | (clamp(((p[k] >> 16) & 255) * f) << 16) | (clamp(((p[k] >> 8) & 255) * f) << 8) | clamp((p[k] & 255) * f * 1.04); }
    d.setRGB(0, 0, card.getWidth(), card.getHeight(), p, 0, card.getWidth()); return d;
  }

  static void write(BufferedImage im, String out, String format, double quality) throws IOException {
    File f = new File(out);
    if (format.equals("png")) { if (!ImageIO.write(im, "png", f)) throw new IOException("no PNG writer"); return; }
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam p = w.getDefaultWriteParam(); p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT); p.setCompressionQuality((float) quality);
    try (ImageOutputStream os = ImageIO.createImageOutputStream(f)) { w.setOutput(os); w.write(null, new IIOImage(im, null, null), p); } finally { w.dispose(); }
  }

  /** One face: draw, compose, write; the answer line. Independent of every other job (its own seeded Random). */
  static String run(String line) {
    long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    try {
      Map<String, Object> job = obj(new Json(line).value());
      double ppm = num(job, "ppm", 12);
      BufferedImage card = drawCard(obj(job.get("card")), ppm, str(job, "aa", "on"));
      BufferedImage im = scene(card, obj(job.get("scene")), ppm);
      write(im, str(job, "out", "out.png"), str(job, "format", "png"), num(job, "quality", 0.9));
      if (System.getenv("RENDER11_TIMES") != null) System.err.println(str(obj(job.get("scene")), "kind", "") + " " + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1000000 + " ms cpu");
      return "ok\t" + new File(str(job, "out", "")).getName() + "\t" + im.getWidth() + "\t" + im.getHeight();
    } catch (Exception e) {
      return "err\t" + String.valueOf(e.getMessage()).replace('\n', ' ').replace('\t', ' ');
    }
  }

  /** Jobs are read as they come and drawn by a pool of threads (RENDER11_THREADS, default 2); answers in input order. */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    int threads = 2;
    try { threads = Math.max(1, Math.min(8, Integer.parseInt(System.getenv().getOrDefault("RENDER11_THREADS", "2")))); } catch (NumberFormatException e) { threads = 2; }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) continue;
      final String job = line;
      answers.add(pool.submit(() -> run(job)));
    }
    for (java.util.concurrent.Future<String> f : answers) out.println(f.get());
    pool.shutdown();
  }
}

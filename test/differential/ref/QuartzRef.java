// Reference runner: Quartz CronExpression, the parser Databricks uses. Reads JSON
// lines {"expr","tz","from","count"} on stdin (a tiny field extractor: the
// requests are written by run.ts in a fixed shape), prints {"runs":[...]} or {"error":"..."}.
import java.io.*;
import java.text.SimpleDateFormat;
import java.util.*;
import org.quartz.CronExpression;

public class QuartzRef {
  static String field(String line, String name) {
    String key = "\"" + name + "\":";
    int i = line.indexOf(key) + key.length();
    if (line.charAt(i) != '"') {
      int j = i;
      while (j < line.length() && (Character.isDigit(line.charAt(j)) || line.charAt(j) == '-')) j++;
      return line.substring(i, j);
    }
    StringBuilder sb = new StringBuilder();
    for (int j = i + 1; j < line.length(); j++) {
      char c = line.charAt(j);
      if (c == '\\') {
        char n = line.charAt(++j);
        if (n == 'u') { sb.append((char) Integer.parseInt(line.substring(j + 1, j + 5), 16)); j += 4; }
        else if (n == 'n') sb.append('\n'); else if (n == 't') sb.append('\t'); else if (n == 'r') sb.append('\r');
        else if (n == 'b') sb.append('\b'); else if (n == 'f') sb.append('\f'); else sb.append(n);
      } else if (c == '"') break; else sb.append(c);
    }
    return sb.toString();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }

  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, "UTF-8")));
    SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
    iso.setTimeZone(TimeZone.getTimeZone("UTC"));
    String line;
    while ((line = in.readLine()) != null) {
      try {
        String expr = field(line, "expr");
        TimeZone tz = TimeZone.getTimeZone(field(line, "tz"));
        Date from = iso.parse(field(line, "from"));
        int count = Integer.parseInt(field(line, "count"));
        CronExpression cron = new CronExpression(expr);
        cron.setTimeZone(tz);
        StringBuilder sb = new StringBuilder("{\"runs\":[");
        Date t = from;
        for (int i = 0; i < count; i++) {
          t = cron.getNextValidTimeAfter(t);
          if (t == null) break;
          if (i > 0) sb.append(',');
          sb.append('"').append(iso.format(t)).append('"');
        }
        out.println(sb.append("]}"));
      } catch (Throwable e) {
        out.println("{\"error\":" + quote(String.valueOf(e.getMessage())) + "}");
      }
    }
    out.flush();
  }
}

package dev.ordersaga.support.web;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * What Tomcat refuses before Spring sees the request (a header over the size limit, a malformed
 * request line or URL) as a problem detail instead of Tomcat's HTML error page. Errors Spring
 * handles never get here: the response already has its body.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        HttpStatus known = HttpStatus.resolve(status);
        String detail = code.is5xxServerError()
                ? "Something went wrong on our side. Try again later."
                : (known == null ? "The request was refused" : known.getReasonPhrase()) + ".";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.toJson(Problems.of(code, Problems.defaultCode(code), detail)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is going away anyway; nothing more to tell
        }
    }
}

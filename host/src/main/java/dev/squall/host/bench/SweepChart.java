package dev.squall.host.bench;

import dev.squall.api.bench.SweepReport;

import java.io.IOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/**
 * A sweep as a PNG line chart: throughput (median) against image side on a log2 axis, a line a series, each point
 * with an error bar as long as its min-max spread.
 */
public final class SweepChart {
    private SweepChart() {
    }

    public static byte[] png(SweepReport report) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title(report.kernel() + " throughput against image size"
                        + (report.kernel().equals("mandelbrot") ? " (max-iter " + report.maxIter() + ")" : ""))
                .xAxisTitle("image side N (pixels; N x N image, log scale)").yAxisTitle(report.unit()).build();
        XYStyler styler = chart.getStyler();
        styler.setYAxisMin(0.0).setYAxisDecimalPattern("#,##0.##");
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        // x is log2 of the side; ticks read as sides (256, 512 ...), fractional ones as rounded sides.
        chart.setCustomXAxisTickLabelsFormatter(x -> Long.toString(Math.round(Math.pow(2, x))));
        for (SweepReport.Series series : report.series()) {
            double[] x = series.points().stream().mapToDouble(p -> Math.log(p.size()) / Math.log(2)).toArray();
            double[] y = series.points().stream().mapToDouble(p -> p.rate().median()).toArray();
            double[] spread = series.points().stream()
                    .mapToDouble(p -> (p.rate().max() - p.rate().min()) / 2).toArray();
            chart.addSeries(series.label() + " " + series.deviceName(), x, y, spread);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}

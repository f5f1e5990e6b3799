package com.pipelineforecast.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.WaterfallBarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The charts of forecast.pdf, drawn with JFreeChart into images at three times their printed size. Their text uses
 * the bundled Noto Sans (no system font needed on a headless server).
 */
final class ForecastCharts {

    private static final int SCALE = 3;
    static final Color REPORTED = new Color(0x1F, 0x3A, 0x5F);
    static final Color ADJUSTED = new Color(0x5B, 0x9B, 0xD5);
    private static final Color GAIN = new Color(0x3C, 0x8D, 0x5A);
    private static final Color LOSS = new Color(0xC0, 0x39, 0x2B);
    private static final Color CONVERTED = new Color(0xD4, 0xA0, 0x17);
    private static final Font BASE = loadFont();

    private ForecastCharts() {
    }

    /** Weighted as reported beside checklist-adjusted, per stage (the funnel, top to bottom). */
    static BufferedImage stages(Map<String, BigDecimal[]> byStage, int width, int height) {
        if (allZero(byStage)) {
            return noData("Weighted by stage", width, height);
        }
        JFreeChart chart = ChartFactory.createBarChart("Weighted by stage", null, null, reportedAndAdjusted(byStage),
                PlotOrientation.HORIZONTAL, true, false, false);
        return draw(styled(chart), width, height);
    }

    /** Weighted as reported and checklist-adjusted per close period. */
    static BufferedImage periods(Map<String, BigDecimal[]> byPeriod, int width, int height) {
        if (allZero(byPeriod)) {
            return noData("Weighted by close period", width, height);
        }
        JFreeChart chart = ChartFactory.createBarChart("Weighted by close period", null, null,
                reportedAndAdjusted(byPeriod),
                PlotOrientation.VERTICAL, true, false, false);
        styled(chart).getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return draw(chart, width, height);
    }

    /**
     * A quarter's call night by night: closed won so far, commit, the expected outcome as reported and
     * checklist-adjusted, and the quota.
     */
    static BufferedImage trend(String quarter, Map<String, BigDecimal[]> byNight, boolean quota, int width,
            int height) {
        if (byNight.isEmpty() || allZero(byNight)) {
            return noData("Forecast trend, " + quarter, width, height);
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        String[] series = {"Closed won", "Commit", "Forecast as reported", "Forecast checklist-adjusted", "Quota"};
        byNight.forEach((night, values) -> {
            for (int i = 0; i < series.length; i++) {
                if ((i < 4 || quota) && values[i] != null) {
                    data.addValue(values[i], series[i], night);
                }
            }
        });
        JFreeChart chart = ChartFactory.createLineChart("Forecast trend, " + quarter, null, null, data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = styled(chart).getCategoryPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        org.jfree.chart.renderer.category.LineAndShapeRenderer lines =
                new org.jfree.chart.renderer.category.LineAndShapeRenderer(true, true);
        Color[] colors = {GAIN, CONVERTED, REPORTED, ADJUSTED, Color.GRAY};
        for (int i = 0; i < colors.length; i++) {
            lines.setSeriesPaint(i, colors[i]);
            lines.setSeriesStroke(i, new java.awt.BasicStroke(i == 4 ? 1f : 1.8f));
        }
        plot.setRenderer(lines);
        return draw(chart, width, height);
    }

    private static boolean allZero(Map<String, BigDecimal[]> values) {
        return values.values().stream().flatMap(java.util.Arrays::stream)
                .allMatch(v -> v == null || v.signum() == 0);
    }

    /** A chart's frame that says there is nothing to draw, instead of axes around nothing. */
    static BufferedImage noData(String title, int width, int height) {
        return noData(title, "no data", width, height);
    }

    /** A chart's frame with a message instead of a chart. */
    static BufferedImage noData(String title, String message, int width, int height) {
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(BASE.deriveFont(Font.BOLD, 11f));
            g.drawString(title, 8, 18);
            g.setColor(Color.GRAY);
            g.setFont(BASE.deriveFont(9f));
            g.drawString(message, (width - g.getFontMetrics().stringWidth(message)) / 2, height / 2);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static DefaultCategoryDataset reportedAndAdjusted(Map<String, BigDecimal[]> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((category, pair) -> {
            data.addValue(pair[0], "As reported", category);
            data.addValue(pair[1], "Checklist-adjusted", category);
        });
        return data;
    }

    /** From last night's weighted forecast through each movement to tonight's. */
    static BufferedImage waterfall(BigDecimal start, Map<String, BigDecimal> changes, BigDecimal end, int width,
            int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(start, "Weighted", "last run");
        Map<String, BigDecimal> moved = new LinkedHashMap<>(changes);
        BigDecimal running = start;
        BigDecimal low = start.min(end);
        BigDecimal high = start.max(end);
        for (Map.Entry<String, BigDecimal> change : moved.entrySet()) {
            if (change.getValue().signum() != 0) {
                data.addValue(change.getValue(), "Weighted", label(change.getKey()));
                running = running.add(change.getValue());
                low = low.min(running);
                high = high.max(running);
            }
        }
        data.addValue(end, "Weighted", "tonight");
        JFreeChart chart = ChartFactory.createWaterfallChart("Weighted forecast: last run to tonight", null, null,
                data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = styled(chart).getCategoryPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        WaterfallBarRenderer bars = new ConversionWaterfall(label("won"));
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("#,##0")));
        bars.setDefaultItemLabelFont(BASE.deriveFont(6.5f));
        bars.setDefaultItemLabelsVisible(true);
        plot.setRenderer(bars);
        // the totals would otherwise dwarf the changes: the axis starts just below the lowest running total
        double span = high.subtract(low).doubleValue();
        if (span > 0 && low.signum() > 0) {
            org.jfree.chart.axis.ValueAxis axis = plot.getRangeAxis();
            axis.setRange(Math.max(0, low.doubleValue() - span * 0.6), high.doubleValue() + span * 0.25);
            axis.setLabel("axis does not start at zero");
            axis.setLabelFont(BASE.deriveFont(7f));
        }
        return draw(chart, width, height);
    }

    private static String label(String bucket) {
        return bucket.equals("won") ? "won (converted)" : bucket.replace('_', ' ');
    }

    /** A waterfall whose won bar shows conversion (gold) instead of a loss (red). */
    private static final class ConversionWaterfall extends WaterfallBarRenderer {
        private final String conversion;
        private transient Comparable<?> drawing;

        ConversionWaterfall(String conversion) {
            super(REPORTED, GAIN, LOSS, REPORTED);
            this.conversion = conversion;
        }

        @Override
        public void drawItem(Graphics2D g2, org.jfree.chart.renderer.category.CategoryItemRendererState state,
                Rectangle2D dataArea, CategoryPlot plot, org.jfree.chart.axis.CategoryAxis domainAxis,
                org.jfree.chart.axis.ValueAxis rangeAxis, org.jfree.data.category.CategoryDataset dataset, int row,
                int column, int pass) {
            drawing = dataset.getColumnKey(column);
            super.drawItem(g2, state, dataArea, plot, domainAxis, rangeAxis, dataset, row, column, pass);
        }

        @Override
        public java.awt.Paint getNegativeBarPaint() {
            return conversion.equals(drawing) ? CONVERTED : super.getNegativeBarPaint();
        }
    }

    private static JFreeChart styled(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(BASE.deriveFont(Font.BOLD, 11f));
        theme.setLargeFont(BASE.deriveFont(10f));
        theme.setRegularFont(BASE.deriveFont(8f));
        theme.setSmallFont(BASE.deriveFont(7f));
        theme.setBarPainter(new StandardBarPainter());
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xCC, 0xCC, 0xCC));
        theme.setShadowVisible(false);
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOutlineVisible(false);
        if (plot.getRenderer() instanceof BarRenderer bars) {
            bars.setSeriesPaint(0, REPORTED);
            bars.setSeriesPaint(1, ADJUSTED);
            bars.setItemMargin(0.05);
        }
        return chart;
    }

    private static BufferedImage draw(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Font loadFont() {
        try (InputStream in = ForecastCharts.class.getResourceAsStream("/fonts/NotoSans-Regular.ttf")) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bundled font unreadable", e);
        }
    }
}

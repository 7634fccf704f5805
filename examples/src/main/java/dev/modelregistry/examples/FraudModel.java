package dev.modelregistry.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * A small fraud model trained in plain Java: logistic regression on two features, by gradient
 * descent, on generated transactions. Small enough to read in a minute; real enough to be
 * registered, validated on held-out data and promoted. Immutable and thread-safe.
 */
public final class FraudModel {

    /** Transactions and their labels (1 = fraud). */
    public record Data(double[][] features, int[] labels) {
    }

    private final double[] weights;

    private FraudModel(double[] weights) {
        this.weights = weights;
    }

    /**
     * Generates {@code n} transactions: amount and hour, both scaled to about [-1, 1]; fraud is
     * likelier for large amounts at night, with some noise.
     */
    public static Data generate(long seed, int n) {
        Random random = new Random(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double amount = random.nextGaussian();
            double night = random.nextGaussian();
            x[i] = new double[] {amount, night};
            y[i] = 2 * amount + 1.5 * night + 0.5 * random.nextGaussian() > 1 ? 1 : 0;
        }
        return new Data(x, y);
    }

    /** Fits the model by batch gradient descent. */
    public static FraudModel train(Data data, int epochs, double learningRate) {
        double[] w = new double[3];
        int n = data.labels().length;
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[] gradient = new double[3];
            for (int i = 0; i < n; i++) {
                double error = probability(w, data.features()[i]) - data.labels()[i];
                gradient[0] += error;
                gradient[1] += error * data.features()[i][0];
                gradient[2] += error * data.features()[i][1];
            }
            for (int k = 0; k < 3; k++) {
                w[k] -= learningRate * gradient[k] / n;
            }
        }
        return new FraudModel(w);
    }

    /** The share of {@code data} this model labels right. */
    public double accuracy(Data data) {
        int right = 0;
        for (int i = 0; i < data.labels().length; i++) {
            if ((probability(weights, data.features()[i]) >= 0.5 ? 1 : 0) == data.labels()[i]) {
                right++;
            }
        }
        return (double) right / data.labels().length;
    }

    /**
     * The probability that a transaction is fraud.
     *
     * @param amount its amount, scaled as in {@link #generate}
     * @param night  how late at night it happened, scaled as in {@link #generate}
     */
    public double fraudProbability(double amount, double night) {
        return probability(weights, new double[] {amount, night});
    }

    /** The model as bytes: three doubles. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (double w : weights) {
                out.writeDouble(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a model written by {@link #toBytes()}. */
    public static FraudModel fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return new FraudModel(new double[] {in.readDouble(), in.readDouble(), in.readDouble()});
        } catch (IOException e) {
            throw new UncheckedIOException("not a fraud model", e);
        }
    }

    private static double probability(double[] w, double[] x) {
        return 1 / (1 + Math.exp(-(w[0] + w[1] * x[0] + w[2] * x[1])));
    }
}

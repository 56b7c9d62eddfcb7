package dev.jclaw.core.memory;

/** What every embedder does to its vectors before handing them out. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * Scales a vector to unit length, so that cosine similarity is a dot product; a zero vector stays zero.
     *
     * @param v the vector, scaled in place
     * @return the same array
     */
    public static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}

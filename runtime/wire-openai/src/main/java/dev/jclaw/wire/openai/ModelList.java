package dev.jclaw.wire.openai;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code GET /v1/models}: {@code {"object": "list", "data": [{"id", "object": "model", "created",
 * "owned_by"}]}}.
 *
 * @param models the models, in order
 */
public record ModelList(List<Model> models) {
    /** Copies the list. */
    public ModelList {
        models = List.copyOf(models);
    }

    /**
     * One model.
     *
     * @param id its id, as a request names it
     * @param created when it was made, Unix seconds
     * @param ownedBy who owns it, e.g. {@code jclaw}
     */
    public record Model(String id, long created, String ownedBy) {
        /** Checks the fields. */
        public Model {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(ownedBy, "ownedBy");
        }

        /** @return the model object */
        public JsonObject toJson() {
            return JsonObject.builder().put("id", id).put("object", "model").put("created", created)
                    .put("owned_by", ownedBy).build();
        }
    }

    /** @return the list as JSON text */
    public String toJson() {
        List<JsonValue> data = new ArrayList<>(models.size());
        models.forEach(m -> data.add(m.toJson()));
        return Json.write(JsonObject.builder().put("object", "list").put("data", new JsonArray(data)).build());
    }
}

package nl.uitweg.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Loads the atomic Redis scripts under {@code lua/}, each prefixed with the constants the
 * Java side shares with them and the shared helpers in {@code lua/common.lua}. Every
 * script returns a flat list of strings.
 */
public final class LuaScripts {

	/** Key names and numbers written once in Java, so Java and Lua cannot disagree. */
	private static final String COMMON = RedisKeys.luaConstants() + read("common");

	private LuaScripts() {
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	public static RedisScript<List<Object>> load(String name) {
		return (RedisScript) RedisScript.of(COMMON + read(name), List.class);
	}

	private static String read(String name) {
		try {
			return new ClassPathResource("lua/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing Redis script " + name, ex);
		}
	}

}
